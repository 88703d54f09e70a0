import type { RedisConnection } from "../cache/redis";

/**
 * Access tokens are verified without asking the issuer, so one issued before its user was erased
 * stays valid until it expires (15 minutes). Erased users are remembered in Redis for longer than
 * that, and the API refuses their tokens. If Redis cannot answer, the check lets the token through:
 * the erasure itself has already removed everything the token could read.
 */
export const erasedUserMemorySeconds = 20 * 60;

export class ErasedUsers {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keyPrefix: string,
  ) {}

  /** False when Redis could not take it (the caller logs it; the erasure itself is done). */
  async remember(userId: string): Promise<boolean> {
    try {
      await this.redis.set(this.keyOf(userId), "1", "EX", erasedUserMemorySeconds);
      return true;
    } catch {
      return false;
    }
  }

  async isErased(userId: string): Promise<boolean> {
    try {
      return (await this.redis.exists(this.keyOf(userId))) === 1;
    } catch {
      return false;
    }
  }

  private keyOf(userId: string): string {
    return `${this.keyPrefix}erased-user:${userId}`;
  }
}
