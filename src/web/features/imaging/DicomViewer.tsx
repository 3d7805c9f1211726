import { Alert, Button, Group, Slider, Stack, Text } from '@mantine/core';
import { App, AppOptions, Index, ViewConfig, WindowLevel, type ViewController } from 'dwv';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { useAreas } from '../../i18n';
import { viewableInPage } from './transferSyntax';

interface Shown {
  frames: number;
  frame: number;
  /** The window the file asks for, to go back to. */
  initial: { center: number; width: number };
  window: { center: number; width: number };
  /** The range of stored values the sliders cover. */
  range: { min: number; max: number };
}

/** dwv's load event, as far as the viewer reads it. */
interface LoadEvent {
  dataid: string;
}

/** The frame (time) dimension of a dwv index: x, y, slice, frame. */
const FRAME = 3;

/**
 * A DICOM record shown in the page with dwv (DICOM Web Viewer): the file is fetched from the API
 * with the session cookie, decrypted by the server as it streams, held in this component's memory
 * only (no Cache Storage, IndexedDB or service worker: the request says `no-store`, the server
 * answers it, and the app's worker never touches /api), and dropped when the viewer closes. The
 * window (centre and width) and the frame of a multi-frame image are chosen with sliders, from the
 * keyboard as with a pointer. Loaded on demand: neither dwv nor these words are in any page's first
 * download.
 */
export default function DicomViewer({ url, title }: { url: string; title: string }) {
  const { t } = useTranslation();
  const ready = useAreas(['imaging']);
  const stageId = `dicom-${useId().replace(/[^\w-]/g, '')}`;
  const controller = useRef<ViewController | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [failed, setFailed] = useState<false | 'failed' | 'compressed'>(false);

  useEffect(() => {
    const abort = new AbortController();
    const app = new App();
    const options = new AppOptions({ '*': [new ViewConfig(stageId)] });
    app.init(options);
    app.addEventListener('load', (event: LoadEvent) => {
      const view = app.getViewLayersByDataId(event.dataid)[0]?.getViewController();
      const image = app.getImage(event.dataid);
      if (!view || !image) return setFailed('failed');
      controller.current = view;
      const size = image.getGeometry().getSize();
      const { center, width } = view.getWindowLevel();
      const range = image.getRescaledDataRange();
      setShown({
        frames: size.length() > FRAME ? size.get(FRAME) : 1,
        frame: 0,
        initial: { center, width },
        window: { center, width },
        range: range.max > range.min ? range : { min: range.min, max: range.min + 1 },
      });
    });
    app.addEventListener('error', () => setFailed('failed'));
    const resize = () => app.onResize();
    window.addEventListener('resize', resize);
    fetch(url, { credentials: 'same-origin', cache: 'no-store', signal: abort.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`status ${response.status}`);
        const data = await response.arrayBuffer();
        if (!viewableInPage(data)) return setFailed('compressed');
        app.loadImageObject([{ name: 'record', filename: 'record.dcm', data }]);
      })
      .catch(() => {
        if (!abort.signal.aborted) setFailed('failed');
      });
    return () => {
      abort.abort();
      window.removeEventListener('resize', resize);
      controller.current = null;
      // Drops the image and its pixels; nothing of it stays in the page.
      app.abortAllLoads();
      app.reset();
      document.getElementById(stageId)?.replaceChildren();
    };
  }, [url, stageId]);

  const setWindow = (window: { center: number; width: number }) => {
    controller.current?.setWindowLevel(new WindowLevel(window.center, Math.max(1, window.width)));
    setShown((current) => current && { ...current, window });
  };
  const setFrame = (frame: number) => {
    const view = controller.current;
    const index = view?.getCurrentIndex();
    if (!view || !index) return;
    const values = index.getValues();
    values[FRAME] = frame;
    view.setCurrentIndex(new Index(values));
    setShown((current) => current && { ...current, frame });
  };

  const span = shown ? shown.range.max - shown.range.min : 1;
  const step = Math.max(1, Math.round(span / 200));
  return (
    <Stack gap="sm" data-dicom-viewer={shown ? 'ready' : 'loading'}>
      <div
        id={stageId}
        className="dicom-stage"
        role="img"
        aria-label={ready ? t('imaging.image', { title }) : title}
      />
      {!ready || (!shown && !failed) ? <Loading /> : null}
      {ready && failed && (
        <Alert color="red" role="alert">
          {failed === 'compressed' ? t('imaging.compressed') : t('imaging.failed')}
        </Alert>
      )}
      {ready && shown && !failed && (
        <Stack gap="xs">
          <Text size="sm">{t('imaging.help')}</Text>
          <Group grow align="flex-end" wrap="wrap">
            <Stack gap={4}>
              <Text size="sm" fw={600} aria-hidden="true">
                {t('imaging.center', { value: Math.round(shown.window.center) })}
              </Text>
              <Slider
                thumbLabel={t('imaging.centerLabel')}
                min={Math.floor(shown.range.min)}
                max={Math.ceil(shown.range.max)}
                step={step}
                label={null}
                value={Math.round(shown.window.center)}
                onChange={(center) => setWindow({ ...shown.window, center })}
              />
            </Stack>
            <Stack gap={4}>
              <Text size="sm" fw={600} aria-hidden="true">
                {t('imaging.width', { value: Math.round(shown.window.width) })}
              </Text>
              <Slider
                thumbLabel={t('imaging.widthLabel')}
                min={1}
                max={Math.ceil(span * 2)}
                step={step}
                label={null}
                value={Math.round(shown.window.width)}
                onChange={(width) => setWindow({ ...shown.window, width })}
              />
            </Stack>
          </Group>
          {shown.frames > 1 && (
            <Stack gap={4}>
              <Text size="sm" fw={600} aria-live="polite">
                {t('imaging.frame', { frame: shown.frame + 1, frames: shown.frames })}
              </Text>
              <Slider
                thumbLabel={t('imaging.frameLabel')}
                min={1}
                max={shown.frames}
                step={1}
                label={null}
                value={shown.frame + 1}
                onChange={(frame) => setFrame(frame - 1)}
              />
            </Stack>
          )}
          <Group>
            <Button size="xs" variant="default" onClick={() => setWindow(shown.initial)}>
              {t('imaging.reset')}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
