import type { EntityItem } from "electrodb";
import type { IdentityEntities } from "./entities";

/**
 * A traveller's profile: what they tell us beyond their sign-in email (name, phone, preferences,
 * marketing consent). It exists once they first change it; until then it reads as defaults.
 */
export interface ProfileView {
  userId: string;
  email?: string;
  displayName?: string;
  phone?: string;
  locale?: string;
  currency?: string;
  marketingOptIn: boolean;
  createdAt?: string;
  updatedAt?: string;
}

/** Fields a traveller may change; `null` clears one. */
export interface ProfileChanges {
  displayName?: string | null;
  phone?: string | null;
  locale?: string | null;
  currency?: string | null;
  marketingOptIn?: boolean;
}

const clearable = ["displayName", "phone", "locale", "currency"] as const;
type ProfileItem = EntityItem<IdentityEntities["UserProfile"]>;

export class Profiles {
  constructor(
    private readonly entities: Pick<IdentityEntities, "UserProfile">,
    private readonly now: () => number = Date.now,
  ) {}

  async get(userId: string, email?: string): Promise<ProfileView> {
    const { data } = await this.entities.UserProfile.get({ userId }).go();
    return data ? toView(data) : { userId, ...(email ? { email } : {}), marketingOptIn: false };
  }

  /** Apply changes, creating the profile on its first change. The sign-in email is kept current. */
  async update(userId: string, email: string | undefined, changes: ProfileChanges): Promise<ProfileView> {
    const at = new Date(this.now()).toISOString();
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== null && v !== undefined));
    const remove = clearable.filter((field) => changes[field] === null);
    for (let attempt = 0; ; attempt++) {
      const { data: existing } = await this.entities.UserProfile.get({ userId }).go();
      try {
        if (!existing) {
          const { data } = await this.entities.UserProfile.create({ userId, ...(email ? { email } : {}), marketingOptIn: false, ...set, createdAt: at, updatedAt: at }).go();
          return toView(data);
        }
        const patch = this.entities.UserProfile.patch({ userId }).set({ ...set, ...(email ? { email } : {}), updatedAt: at });
        const { data } = await (remove.length > 0 ? patch.remove(remove) : patch).go({ response: "all_new" });
        return toView(data as ProfileItem);
      } catch (error) {
        // Two first changes at once: the loser of the create applies its change as a patch.
        if (attempt === 0 && isConditionFailure(error)) continue;
        throw error;
      }
    }
  }

  async delete(userId: string): Promise<void> {
    await this.entities.UserProfile.delete({ userId }).go({ response: "none" });
  }
}

function isConditionFailure(error: unknown): boolean {
  const cause = (error as { cause?: { name?: string } }).cause;
  return cause?.name === "ConditionalCheckFailedException" || /conditional request failed/i.test((error as Error).message);
}

function toView(item: ProfileItem): ProfileView {
  return {
    userId: item.userId,
    ...(item.email ? { email: item.email } : {}),
    ...(item.displayName ? { displayName: item.displayName } : {}),
    ...(item.phone ? { phone: item.phone } : {}),
    ...(item.locale ? { locale: item.locale } : {}),
    ...(item.currency ? { currency: item.currency } : {}),
    marketingOptIn: item.marketingOptIn ?? false,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}
