import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageMode } from '../../api/types';

const MODES: readonly MessageMode[] = ['plaintext', 'compatible', 'safe'];

/** The three message encryption methods as radio cards, in WeChat's console words (明文模式 / 兼容模式 / 安全模式). */
export function useModeOptions(): ReadonlyArray<{ value: MessageMode; title: string; desc: string }> {
  const { t } = useTranslation();
  return useMemo(() => MODES.map((value) => ({ value, title: t(`modes.${value}.title`), desc: t(`modes.${value}.desc`) })), [t]);
}
