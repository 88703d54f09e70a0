import { randomBytes } from "node:crypto";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { dynamoSdk } from "../db/sdk";

/**
 * Which user id belongs to which sign-in email, kept by the issuer in its own storage table.
 * Ids are random, not derived from the email: once a traveller's data is erased and this entry
 * forgotten, nothing left (bookings kept for accounting, archived events, audit entries) can be
 * tied back to them, and signing in again with the same email starts a new user.
 */
export class UserDirectory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The user id for this email, created on first sign-in. Two first sign-ins at once agree on one id. */
  async idFor(email: string): Promise<string> {
    const key = keyOf(email);
    const { GetCommand, PutCommand } = (await dynamoSdk()).lib;
    const existing = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    if (existing.Item?.userId) return existing.Item.userId as string;
    const userId = `usr_${randomBytes(16).toString("base64url")}`;
    try {
      await this.client.send(
        new PutCommand({ TableName: this.tableName, Item: { ...key, userId, createdAt: new Date().toISOString() }, ConditionExpression: "attribute_not_exists(pk)" }),
      );
      return userId;
    } catch (error) {
      if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
      const winner = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
      return winner.Item!.userId as string;
    }
  }

  async forget(email: string): Promise<void> {
    const { DeleteCommand } = (await dynamoSdk()).lib;
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: keyOf(email) }));
  }
}

/** The issuer's storage is OpenAuth's pk/sk table; these items sit beside its own. */
function keyOf(email: string) {
  return { pk: `user-directory#${email.trim().toLowerCase()}`, sk: "user" };
}
