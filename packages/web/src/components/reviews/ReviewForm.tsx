import { useId, useState } from "react";
import type { Schemas } from "../../api";
import { categoryLabel, languages, reviewCategories, reviewTextLength, reviewTitleLength, scores, tripTypeLabels, tripTypes, type Review, type SubjectKind, type TripType } from "./policy";

export type ReviewContent = Schemas["ReviewChanges"];

const count = (n: number) => new Intl.NumberFormat().format(n);

/** The browser's language when we offer it, else English. */
function defaultLanguage(): string {
  const tag = navigator.language.split("-")[0] ?? "en";
  return languages.some(([t]) => t === tag) ? tag : "en";
}

/**
 * Writing or changing a review: the overall score and any categories (1–10, as selects), a title,
 * the text within its limits, its language and the kind of trip. The limits are core's, so the
 * browser checks what the API checks.
 */
export function ReviewForm(props: { kind: SubjectKind; initial?: Review; submitLabel: string; pending: boolean; error: Error | null; onSubmit: (content: ReviewContent) => void; onCancel?: () => void }) {
  const { kind, initial, submitLabel, pending, error, onSubmit, onCancel } = props;
  const id = useId();
  const [length, setLength] = useState(initial?.text.length ?? 0);
  const languageChoices = initial && !languages.some(([t]) => t === initial.language) ? [...languages, [initial.language, initial.language] as [string, string]] : languages;

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const categories = Object.fromEntries(reviewCategories[kind].filter((c) => text(`category-${c}`) !== "").map((c) => [c, Number(text(`category-${c}`))]));
    onSubmit({ overall: Number(text("overall")), categories, title: text("title"), text: text("text"), language: text("language"), tripType: text("tripType") as TripType });
  };

  return (
    <form className="review-form" onSubmit={submit} aria-label={submitLabel}>
      <div className="field">
        <label htmlFor={`${id}-overall`}>Overall score (1 to 10)</label>
        <select id={`${id}-overall`} name="overall" required defaultValue={initial?.overall ?? ""}>
          <option value="">Choose a score</option>
          {scores.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </div>
      <fieldset className="review-category-fields">
        <legend>Scores by category (1 to 10, optional)</legend>
        {reviewCategories[kind].map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`${id}-${name}`}>{categoryLabel(name)}</label>
            <select id={`${id}-${name}`} name={`category-${name}`} defaultValue={initial?.categories[name] ?? ""}>
              <option value="">Not rated</option>
              {scores.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-title`}>Title</label>
        <input id={`${id}-title`} name="title" required minLength={reviewTitleLength.min} maxLength={reviewTitleLength.max} defaultValue={initial?.title} aria-describedby={`${id}-title-hint`} autoComplete="off" />
        <span id={`${id}-title-hint`} className="muted hint">{reviewTitleLength.min} to {reviewTitleLength.max} characters.</span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>Your review</label>
        <textarea
          id={`${id}-text`}
          name="text"
          required
          rows={6}
          minLength={reviewTextLength.min}
          maxLength={reviewTextLength.max}
          defaultValue={initial?.text}
          onChange={(e) => setLength(e.target.value.length)}
          aria-describedby={`${id}-text-hint`}
        />
        <span id={`${id}-text-hint`} className="muted hint">
          {count(reviewTextLength.min)} to {count(reviewTextLength.max)} characters; links and contact details are removed. <span aria-hidden="true">({count(length)} so far)</span>
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-language`}>Written in</label>
        <select id={`${id}-language`} name="language" defaultValue={initial?.language ?? defaultLanguage()}>
          {languageChoices.map(([tag, label]) => <option key={tag} value={tag}>{label}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-trip`}>Kind of trip</label>
        <select id={`${id}-trip`} name="tripType" required defaultValue={initial?.tripType ?? ""}>
          <option value="">Choose one</option>
          {tripTypes.map((t) => <option key={t} value={t}>{tripTypeLabels[t]}</option>)}
        </select>
      </div>
      {error && <p role="alert" className="error">{error.message}</p>}
      <button type="submit" className="primary" disabled={pending}>{pending ? "Sending…" : submitLabel}</button>
      {onCancel && (
        <>
          {" "}
          <button type="button" onClick={onCancel}>Cancel</button>
        </>
      )}
    </form>
  );
}
