import type { Schemas } from "../api";

type Field = Schemas["BookingRequirements"]["travellerFields"][number];

/** One traveller's details: names always, the rest as the supplier says it needs them. */
export function TravellerFields({ index, needs }: { index: number; needs: readonly Field[] }) {
  const id = (name: string) => `t${index}-${name}`;
  const n = index + 1;
  return (
    <fieldset className="traveller">
      <legend>Traveller {n}</legend>
      <div className="field">
        <label htmlFor={id("firstName")}>First name</label>
        <input id={id("firstName")} name={`t${index}.firstName`} required maxLength={100} autoComplete={index === 0 ? "given-name" : "off"} />
      </div>
      <div className="field">
        <label htmlFor={id("lastName")}>Last name</label>
        <input id={id("lastName")} name={`t${index}.lastName`} required maxLength={100} autoComplete={index === 0 ? "family-name" : "off"} />
      </div>
      {needs.includes("dateOfBirth") && (
        <div className="field">
          <label htmlFor={id("dateOfBirth")}>Date of birth</label>
          <input id={id("dateOfBirth")} name={`t${index}.dateOfBirth`} type="date" required max={new Date().toISOString().slice(0, 10)} autoComplete={index === 0 ? "bday" : "off"} />
        </div>
      )}
      {needs.includes("title") && (
        <div className="field">
          <label htmlFor={id("title")}>Title</label>
          <select id={id("title")} name={`t${index}.title`} required defaultValue="">
            <option value="" disabled>Choose</option>
            <option value="mr">Mr</option>
            <option value="ms">Ms</option>
            <option value="mrs">Mrs</option>
            <option value="miss">Miss</option>
            <option value="dr">Dr</option>
          </select>
        </div>
      )}
      {needs.includes("gender") && (
        <div className="field">
          <label htmlFor={id("gender")}>Gender (as on the passport)</label>
          <select id={id("gender")} name={`t${index}.gender`} required defaultValue="">
            <option value="" disabled>Choose</option>
            <option value="f">Female</option>
            <option value="m">Male</option>
          </select>
        </div>
      )}
    </fieldset>
  );
}

/** The travellers of a submitted form, in the API's shape. */
export function travellersOf(form: FormData, count: number): Schemas["Traveler"][] {
  return Array.from({ length: count }, (_, i) => {
    const value = (name: string) => {
      const v = form.get(`t${i}.${name}`);
      return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
    };
    return {
      firstName: value("firstName")!,
      lastName: value("lastName")!,
      ...(value("dateOfBirth") ? { dateOfBirth: value("dateOfBirth") } : {}),
      ...(value("title") ? { title: value("title") as Schemas["Traveler"]["title"] } : {}),
      ...(value("gender") ? { gender: value("gender") as Schemas["Traveler"]["gender"] } : {}),
    };
  });
}
