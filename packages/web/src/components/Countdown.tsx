import { useEffect, useState } from "react";

/** Time left until `until`, ticking each second. role="timer": screen readers are not interrupted by every tick. */
export function Countdown({ until, label }: { until: string; label: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, Math.floor((Date.parse(until) - now) / 1000));
  const text = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
  return (
    <p className="countdown">
      {label} <span role="timer" aria-label={`${Math.floor(left / 60)} minutes ${left % 60} seconds left`}>{left > 0 ? text : "ended"}</span>
    </p>
  );
}
