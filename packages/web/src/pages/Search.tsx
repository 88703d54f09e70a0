import { useLocation, useSearch } from "wouter";
import { PlaceField } from "../components/PlaceField";
import { Results, verticals, type Vertical } from "./Results";

const placeFields = new Set(["origin", "destination", "cityCode", "pickupLocation", "dropoffLocation"]);
const amenities = [
  ["WIFI", "Wi-Fi"], ["PARKING", "Parking"], ["POOL", "Pool"], ["FITNESS_CENTER", "Gym"], ["SPA", "Spa"],
  ["RESTAURANT", "Restaurant"], ["BAR", "Bar"], ["AIR_CONDITIONING", "Air conditioning"], ["PETS_ALLOWED", "Pets allowed"], ["AIRPORT_SHUTTLE", "Airport shuttle"],
] as const;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The search form and its results; the question lives in the address, so Back and sharing work. */
export function SearchPage() {
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const vertical: Vertical = verticals.includes(params.get("vertical") as Vertical) ? (params.get("vertical") as Vertical) : "flights";
  const asked = params.has("vertical");

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const query = new URLSearchParams({ vertical });
    for (const [key, value] of form) {
      const text = String(value).trim();
      if (text !== "" && key !== "amenities") query.append(key, placeFields.has(key) ? text.toUpperCase() : text);
    }
    // The API takes amenities as one comma-separated list.
    const amenities = form.getAll("amenities").map(String);
    if (amenities.length > 0) query.set("amenities", amenities.join(","));
    navigate(`/?${query}`);
  };

  const value = (name: string, fallback = "") => params.get(name) ?? fallback;
  const tab = (v: Vertical, label: string) => (
    <a href={`/?vertical=${v}&tab=1`} aria-current={vertical === v ? "page" : undefined} onClick={(e) => (e.preventDefault(), navigate(`/?${new URLSearchParams({ vertical: v, tab: "1" })}`))}>
      {label}
    </a>
  );

  return (
    <>
      <h1>Find your trip</h1>
      <nav aria-label="What to search" className="tabs">
        {tab("flights", "Flights")}
        {tab("hotels", "Hotels")}
        {tab("cars", "Car rentals")}
      </nav>
      {/* keyed by the question: fields show what was asked after Back/Forward */}
      <Collapsed when={asked && !params.has("tab")} summary={describe(vertical, params)}>
      <form key={`${vertical}:${params.toString()}`} className="search card" onSubmit={submit} aria-label={`Search ${vertical}`}>
        {vertical === "flights" && (
          <>
            <PlaceField label="From" name="origin" defaultValue={value("origin")} />
            <PlaceField label="To" name="destination" defaultValue={value("destination")} />
            <Field label="Departure date" name="departureDate" type="date" defaultValue={value("departureDate", inDays(30))} min={inDays(0)} required />
            <Field label="Return date (optional)" name="returnDate" type="date" defaultValue={value("returnDate")} min={inDays(0)} />
            <Field label="Adults" name="adults" type="number" min={1} max={9} defaultValue={value("adults", "1")} />
            <Select label="Cabin" name="cabin" value={value("cabin", "ECONOMY")} options={[["ECONOMY", "Economy"], ["PREMIUM_ECONOMY", "Premium economy"], ["BUSINESS", "Business"], ["FIRST", "First"]]} />
            <Field label="Maximum price" name="maxPrice" type="number" min={1} defaultValue={value("maxPrice")} />
            <Select label="Sort by" name="sort" value={value("sort", "price")} options={[["price", "Price"], ["duration", "Duration"], ["departure", "Departure time"]]} />
            <div className="field check">
              <input id="nonStop" name="nonStop" type="checkbox" value="true" defaultChecked={value("nonStop") === "true"} />
              <label htmlFor="nonStop">Non-stop only</label>
            </div>
          </>
        )}
        {vertical === "hotels" && (
          <>
            <PlaceField label="City" name="cityCode" defaultValue={value("cityCode")} />
            <Field label="Check-in date" name="checkIn" type="date" defaultValue={value("checkIn", inDays(30))} min={inDays(0)} required />
            <Field label="Check-out date" name="checkOut" type="date" defaultValue={value("checkOut", inDays(33))} min={inDays(1)} required />
            <Field label="Adults" name="adults" type="number" min={1} max={9} defaultValue={value("adults", "1")} />
            <Field label="Rooms" name="rooms" type="number" min={1} max={9} defaultValue={value("rooms", "1")} />
            <Select label="Minimum stars" name="minRating" value={value("minRating")} options={[["", "Any"], ["3", "3+"], ["4", "4+"], ["5", "5"]]} />
            <Select label="Minimum rating (of 10)" name="minScore" value={value("minScore")} options={[["", "Any"], ["6", "6+"], ["7", "7+"], ["8", "8+"], ["9", "9+"]]} />
            <Field label="Maximum price" name="maxPrice" type="number" min={1} defaultValue={value("maxPrice")} />
            <Select label="Sort by" name="sort" value={value("sort", "price")} options={[["price", "Price"], ["score", "Rating"], ["rating", "Stars"], ["distance", "Distance from centre"]]} />
            <fieldset className="amenities">
              <legend>Must have</legend>
              {amenities.map(([code, label]) => (
                <div className="field check" key={code}>
                  <input id={`a-${code}`} type="checkbox" name="amenities" value={code} defaultChecked={value("amenities").split(",").includes(code)} />
                  <label htmlFor={`a-${code}`}>{label}</label>
                </div>
              ))}
            </fieldset>
          </>
        )}
        {vertical === "cars" && (
          <>
            <PlaceField label="Pick-up location" name="pickupLocation" defaultValue={value("pickupLocation")} />
            <PlaceField label="Drop-off location (optional)" name="dropoffLocation" defaultValue={value("dropoffLocation")} required={false} />
            <Field label="Pick-up time" name="pickupAt" type="datetime-local" defaultValue={value("pickupAt", `${inDays(30)}T10:00`)} required />
            <Field label="Drop-off time" name="dropoffAt" type="datetime-local" defaultValue={value("dropoffAt", `${inDays(33)}T10:00`)} required />
            <Field label="Driver's age" name="driverAge" type="number" min={18} max={99} defaultValue={value("driverAge", "30")} />
            <Select label="Car type" name="carType" value={value("carType")} options={[["", "Any"], ["ECONOMY", "Economy"], ["COMPACT", "Compact"], ["MIDSIZE", "Midsize"], ["FULLSIZE", "Full size"], ["SUV", "SUV"], ["PREMIUM", "Premium"], ["VAN", "Van"]]} />
            <Select label="Sort by" name="sort" value={value("sort", "price")} options={[["price", "Price"], ["category", "Category"]]} />
          </>
        )}
        <button type="submit" className="primary">Search</button>
      </form>
      </Collapsed>
      {asked && !params.has("tab") && <Results vertical={vertical} params={params} />}
    </>
  );
}

/** What was asked, in a line: the summary of the folded form above the results. */
function describe(vertical: Vertical, params: URLSearchParams): string {
  const p = (name: string) => params.get(name) ?? "";
  if (vertical === "flights") return `${p("origin")} → ${p("destination")}, ${p("departureDate")}${p("returnDate") ? ` to ${p("returnDate")}` : ""}, ${p("adults") || "1"} adult(s)`;
  if (vertical === "hotels") return `${p("cityCode")}, ${p("checkIn")} to ${p("checkOut")}, ${p("rooms") || "1"} room(s)`;
  return `${p("pickupLocation")}, ${p("pickupAt").replace("T", " ")} to ${p("dropoffAt").replace("T", " ")}`;
}

/**
 * Once results are shown, the form folds into one line above them (on a phone it would push them
 * below the first screen); opening it changes the search.
 */
function Collapsed({ when, summary, children }: { when: boolean; summary: string; children: React.ReactNode }) {
  if (!when) return <>{children}</>;
  return (
    <details className="search-details">
      <summary>
        <span className="muted">Change search:</span> {summary}
      </summary>
      {children}
    </details>
  );
}

function Field({ label, name, ...input }: { label: string; name: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <input id={`f-${name}`} name={name} {...input} />
    </div>
  );
}

function Select({ label, name, value, options }: { label: string; name: string; value: string; options: Array<[string, string]> }) {
  return (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} defaultValue={value}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>{text}</option>
        ))}
      </select>
    </div>
  );
}
