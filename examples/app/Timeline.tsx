/** The workout's timeline (`renderTimelineSvg`), drawn again at each change of the tracker, at the width of its box. */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TrackerSnapshot } from 'workout-spans';
import { renderTimelineSvg } from 'workout-spans/export';

export function Timeline({ snapshot, rootSpanId, title }: { snapshot: TrackerSnapshot; rootSpanId: string; title: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(960);
  useEffect(() => {
    const element = box.current;
    if (element === null) return;
    const measure = () => setWidth(Math.max(320, Math.floor(element.clientWidth)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const svg = useMemo(
    () => renderTimelineSvg(snapshot, { rootSpanId, width, title, idPrefix: 'live' }),
    [snapshot, rootSpanId, width, title],
  );
  return <div className="timeline" ref={box} data-testid="timeline" dangerouslySetInnerHTML={{ __html: svg }} />;
}
