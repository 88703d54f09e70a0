import { logger } from "../observability";
import type { BookingPersonalData } from "../booking/personal-data";
import type { OrderView, ReservationView } from "../booking/views";
import type { AuditEntryView, AuditLog } from "./audit";
import type { ErasedUsers } from "./erased-users";
import type { IssuerAccount } from "./issuer-account";
import type { ProfileView, Profiles } from "./profiles";
import type { RequestLimiter } from "./rate-limits";

/**
 * A traveller's rights over their data: a copy of all of it (export) and erasure.
 *
 * Erasure removes the profile, the issuer's refresh tokens and email → id entry, the user's rate
 * counters and idempotency records, and the addresses and user agents in their audit entries;
 * it anonymises their reservations and orders (kept for accounting, see BookingPersonalData) and
 * detaches their reviews (kept: they are about a hotel or airline, and its figures stand on them).
 * What stays is not personal any more: the audit entries say what an id that no longer leads
 * anywhere did and when; events already published carry that id too and nothing else of theirs.
 */
export interface SignedInUser {
  userId: string;
  email?: string;
}

/** The reviews' side (core/reviews ReviewInteractions): a traveller's reviews, and leaving them behind detached. */
export interface AuthoredReviews {
  ofAuthor(userId: string): Promise<object[]>;
  detachAuthor(userId: string): Promise<number>;
}

export interface PersonalDataExport {
  exportedAt: string;
  user: SignedInUser;
  profile: ProfileView;
  reservations: ReservationView[];
  orders: OrderView[];
  reviews: object[];
  auditEntries: AuditEntryView[];
}

export interface ErasureReport {
  profileDeleted: true;
  reservationsAnonymised: number;
  ordersAnonymised: number;
  idempotencyRecordsDeleted: number;
  auditEntriesScrubbed: number;
  reviewsDetached: number;
}

export class ActiveHoldsError extends Error {
  override name = "ActiveHoldsError";
  constructor(readonly reservationIds: string[]) {
    super(`${reservationIds.length} hold(s) still running: cancel them (or let them expire) first`);
  }
}

export class PersonalData {
  constructor(
    private readonly deps: {
      profiles: Profiles;
      audit: AuditLog;
      bookings: BookingPersonalData;
      limiter: RequestLimiter;
      issuer: IssuerAccount;
      erasedUsers: ErasedUsers;
      reviews: AuthoredReviews;
      now?: () => number;
    },
  ) {}

  async export(user: SignedInUser): Promise<PersonalDataExport> {
    const [profile, bookings, reviews, auditEntries] = await Promise.all([
      this.deps.profiles.get(user.userId, user.email),
      this.deps.bookings.export(user.userId),
      this.deps.reviews.ofAuthor(user.userId),
      this.deps.audit.allForActor(user.userId),
    ]);
    return { exportedAt: new Date((this.deps.now ?? Date.now)()).toISOString(), user, profile, ...bookings, reviews, auditEntries };
  }

  /**
   * Erase, in an order that keeps a failed run retryable: everything reachable by the user id
   * first, the issuer's email → id entry last (after it, a new sign-in is a new user).
   */
  async erase(user: SignedInUser, accessToken: string): Promise<ErasureReport> {
    const holds = await this.deps.bookings.activeHolds(user.userId);
    if (holds.length > 0) throw new ActiveHoldsError(holds);
    const bookings = await this.deps.bookings.erase(user.userId);
    const reviewsDetached = await this.deps.reviews.detachAuthor(user.userId);
    await this.deps.profiles.delete(user.userId);
    const auditEntriesScrubbed = await this.deps.audit.scrubActor(user.userId);
    await this.deps.limiter.forgetUser(user.userId);
    await this.deps.issuer.erase(accessToken);
    if (!(await this.deps.erasedUsers.remember(user.userId))) {
      logger.warn("erased user not remembered (Redis unavailable): their unexpired access tokens work until they expire", { userId: user.userId });
    }
    return {
      profileDeleted: true,
      reservationsAnonymised: bookings.reservations,
      ordersAnonymised: bookings.orders,
      idempotencyRecordsDeleted: bookings.idempotencyRecords,
      auditEntriesScrubbed,
      reviewsDetached,
    };
  }
}
