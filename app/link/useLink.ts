import { useCallback, useEffect, useState } from 'react';
import type { ExperimentForm } from '../../src/config/form';
import { decodeLink, encodeLink, type DecodedLink, type Hideable, type LinkState } from '../../src/config/url';

/**
 * The one place the page touches the URL: reads the experiment from it on
 * load (and on back/forward), and keeps it following the controls with
 * replaceState, so a slider does not add a history entry per tick.
 */
/** The link the page was opened with; read once. */
export function readInitialLink(): DecodedLink {
  return decodeLink(window.location.search);
}

export function useLink(
  initial: DecodedLink,
  form: ExperimentForm,
  setForm: (f: ExperimentForm) => void,
  /** The layout and the lesson step: they are part of the link a teacher sends. */
  view: Pick<LinkState, 'present' | 'lesson'> = {},
) {
  const { present = false, lesson = null } = view;
  const [notices, setNotices] = useState<readonly string[]>(initial.notices);
  const [hide] = useState<readonly Hideable[]>(initial.hide);
  const [preset, setPreset] = useState<string | null>(initial.preset);

  useEffect(() => {
    const timer = setTimeout(() => {
      const query = encodeLink({
        form,
        autorun: false,
        hide,
        preset,
        offline: initial.offline ?? false,
        present,
        lesson,
      });
      if (window.location.search !== `?${query}`) window.history.replaceState(null, '', `?${query}`);
    }, 150);
    return () => clearTimeout(timer);
  }, [form, hide, preset, initial.offline, present, lesson]);

  useEffect(() => {
    const onPop = () => {
      const d = decodeLink(window.location.search);
      setForm(d.form);
      setNotices(d.notices);
      setPreset(d.preset);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [setForm]);

  // Stable, so the panels that get them through the page's callbacks do not redraw on every training tick.
  const dismissNotices = useCallback(() => setNotices([]), []);
  const clearPreset = useCallback(() => setPreset(null), []);
  return { notices, dismissNotices, hide, preset, clearPreset };
}
