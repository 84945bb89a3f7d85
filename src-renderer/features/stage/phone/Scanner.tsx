import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon';
import { WECHAT_TEXT } from '../../../i18n/wechat-texts';
import { useActions, useStudio } from '../../../store/context';
import { selectPcQr } from '../../../store/selectors';
import { decodeQrImage } from '../qr';
import { NavBar } from './parts';

type ScanState =
  | { step: 'looking' }
  | { step: 'no-code' }
  | { step: 'unreadable' }
  | { step: 'decoded'; content: string }
  | { step: 'sent'; content: string };

/** How long the viewfinder shows the decoded code before the phone acts on it (a visual beat, not a wait for state). */
const DWELL_MS = 450;

/**
 * WeChat's scanner. The "camera" sees the QR image the PC page posted; the pixels are decoded with jsQR and
 * the decoded content is what the phone sends to the platform, exactly like a real scan.
 */
export function Scanner(): React.JSX.Element {
  const qr = useStudio(selectPcQr);
  const { setPhoneView, scan } = useActions();
  const [state, setState] = useState<ScanState>({ step: 'looking' });
  const [attempt, setAttempt] = useState(0);
  const sent = useRef(false);
  const image = qr?.image ?? '';
  const { t } = useTranslation();

  useEffect(() => {
    if (sent.current) return;
    if (!image) {
      setState({ step: 'no-code' });
      return;
    }
    let cancelled = false;
    setState({ step: 'looking' });
    decodeQrImage(image).then(
      (content) => {
        if (cancelled) return;
        if (!content) {
          setState({ step: 'unreadable' });
          return;
        }
        setState({ step: 'decoded', content });
        setTimeout(() => {
          if (cancelled || sent.current) return;
          sent.current = true;
          setState({ step: 'sent', content });
          void scan(content).then((screen) => {
            if (!screen) sent.current = false;
          });
        }, DWELL_MS);
      },
      () => !cancelled && setState({ step: 'unreadable' }),
    );
    return () => {
      cancelled = true;
    };
  }, [image, scan, attempt]);

  // While looking, the phone says what WeChat's scanner says; the other lines explain the studio's camera.
  const text =
    state.step === 'looking'
      ? WECHAT_TEXT.scanHint
      : state.step === 'no-code'
        ? t('phone.scanner.noCode')
        : state.step === 'unreadable'
          ? t('phone.scanner.unreadable')
          : state.step === 'decoded'
            ? t('phone.scanner.decoded')
            : t('phone.scanner.opening');

  return (
    <div className="phone-screen dark" data-testid="phone-scanner">
      <div style={{ height: 40 }} />
      <NavBar title={WECHAT_TEXT.scan} onBack={() => setPhoneView('home')} backLabel={t('phone.scanner.close')} dark />
      <div className="scanner">
        <div className="viewfinder">
          {image ? (
            <img src={image} alt={t('phone.scanner.imageAlt')} />
          ) : (
            <div className="viewfinder-empty">
              <Icon name="qr" size={36} strokeWidth={1.4} />
              {t('phone.scanner.nothing')}
            </div>
          )}
          <span className="corner tl" />
          <span className="corner tr" />
          <span className="corner bl" />
          <span className="corner br" />
          {(state.step === 'looking' || state.step === 'no-code') && <span className="beam" />}
        </div>
        <div className="scanner-text" role="status" aria-live="polite">
          {text}
          {state.step === 'looking' && t('phone.gloss.scanHint') ? <span className="wx-gloss">{t('phone.gloss.scanHint')}</span> : null}
          {(state.step === 'decoded' || state.step === 'sent') && (
            <span className="mono" data-testid="decoded-content">
              {state.content}
            </span>
          )}
        </div>
        {state.step === 'unreadable' && (
          <button type="button" className="weui-btn weui-btn-default" style={{ width: 200 }} onClick={() => setAttempt((n) => n + 1)}>
            {t('common.tryAgain')}
          </button>
        )}
      </div>
    </div>
  );
}
