import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { api, unwrap } from "../api";

/**
 * A three-letter place code with suggestions from `/v1/destinations` as the traveller types a name
 * ("heathrow", "paris"). The browser's own `<datalist>` shows them: accessible and keyboard-usable
 * without a hand-written combobox.
 */
export function PlaceField({ label, name, defaultValue, required = true }: { label: string; name: string; defaultValue?: string; required?: boolean }) {
  const id = useId();
  const [text, setText] = useState(defaultValue ?? "");
  const [typed, setTyped] = useState("");
  // Ask once the traveller pauses, not on every key.
  useEffect(() => {
    const timer = setTimeout(() => setTyped(text.trim()), 200);
    return () => clearTimeout(timer);
  }, [text]);
  const suggestions = useQuery({
    queryKey: ["destinations", typed.toLowerCase()],
    queryFn: ({ signal }) => unwrap(api.GET("/v1/destinations", { params: { query: { q: typed, limit: 8 } }, signal })),
    enabled: typed.length >= 2,
    staleTime: 5 * 60_000,
  });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        value={text}
        onChange={(e) => setText(e.target.value)}
        list={`${id}-places`}
        required={required}
        pattern="[A-Za-z]{3}"
        title="A three-letter airport or city code, e.g. LHR or LON: type a name to see them"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
      />
      <datalist id={`${id}-places`}>
        {suggestions.data?.data.map((place) => (
          <option key={`${place.type}-${place.iataCode}`} value={place.iataCode}>
            {`${place.name} (${place.type === "city" ? "all airports" : place.cityName}), ${place.countryName}`}
          </option>
        ))}
      </datalist>
    </div>
  );
}
