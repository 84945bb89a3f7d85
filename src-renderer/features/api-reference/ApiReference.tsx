import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { useDesktop } from '../../store/context';

/** Where the bundled Swagger UI page is served (a second entry of the renderer build). */
export const API_REFERENCE_PAGE = '/api-reference.html';

/**
 * "API reference": the control API's OpenAPI document rendered by Swagger UI, bundled and served by the
 * studio itself (offline). Shown in a frame of the studio's own origin, so its requests carry the session.
 */
export function ApiReference(): React.JSX.Element {
  const { t } = useTranslation();
  const desktop = useDesktop();
  return (
    <div className="view api-reference">
      <div className="toolbar">
        <p className="muted" style={{ flex: 1 }}>
          {t('qa.api.intro')}
        </p>
        {!desktop.isDesktop && (
          <a className="btn btn-sm" href={API_REFERENCE_PAGE} target="_blank" rel="noopener">
            <Icon name="external" size={14} /> {t('qa.api.openTab')}
          </a>
        )}
      </div>
      <iframe className="card api-frame" title={t('qa.api.frameTitle')} src={API_REFERENCE_PAGE} />
    </div>
  );
}
