import { useEffect, useRef, useState } from "react";

/**
 * Time left until `until`, ticking each second. role="timer" is not announced on every tick; a
 * polite live region says it once two minutes are left and once it has ended, and `onEnd` runs
 * then (the trip is read again: the hold has lapsed).
 */
export function Countdown({ until, label, onEnd }: { until: string; label: string; onEnd?: () => void }) {
  const [now, setNow] = useState(Date.now());
  const left = Math.max(0, Math.floor((Date.parse(until) - now) / 1000));
  const ended = useRef(false);
  useEffect(() => {
    if (left === 0) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [left === 0]);
  useEffect(() => {
    if (left === 0 && !ended.current) {
      ended.current = true;
      onEnd?.();
    }
  }, [left, onEnd]);
  const text = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
  return (
    <>
      <p className="countdown">
        {label} <span role="timer" aria-label={`${Math.floor(left / 60)} minutes ${left % 60} seconds left`}>{left > 0 ? text : "ended"}</span>
      </p>
      <p className="visually-hidden" aria-live="polite">
        {left === 0 ? "The hold has ended." : left <= 120 ? "Less than two minutes of the hold are left." : ""}
      </p>
    </>
  );
}
