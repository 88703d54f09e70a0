import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { afterAll, inject } from "vitest";
import { awaitFirstConnection, createRedisConnection, type RedisConnection } from "@travel/core/cache";
import { catalogTable, physicalTableName, type TableDefinition } from "@travel/core/db";

/**
 * The run's DynamoDB Local and redis-server, as core classes are given them in production: a
 * Redis connection per instance, table names as the stage names them.
 */
const stores = inject("stores");
export const redisLink = { host: stores.redis.host, port: stores.redis.port };

/**
 * A table's name in this run. Tables with a contract name carry it; the others are named by SST
 * (`<app>-<stage>-<link name>`), which the injected catalog table name shows for this run.
 */
export function tableName(table: TableDefinition): string {
  return physicalTableName(table, stores.stage) ?? stores.catalogTableName.replace(catalogTable.linkName, table.linkName);
}

/** Keys no other test (and no other test file sharing the Redis) writes. */
export function uniquePrefix(label: string): string {
  return `core-test:${label}:${randomBytes(4).toString("hex")}:`;
}

/**
 * Redis connections the calling test file opens, closed after it. Commands fail while a
 * connection is not up yet (no offline queue, as in production): `connected()` waits for it,
 * as code on the request path does before its first command.
 */
export function redisConnections(): { open(link?: { host: string; port: number }): RedisConnection; connected(): Promise<RedisConnection> } {
  const opened: RedisConnection[] = [];
  afterAll(() => {
    for (const connection of opened) connection.disconnect();
  });
  return {
    open(link = redisLink) {
      const connection = createRedisConnection(link);
      // A refused connection surfaces as failed commands; the tests assert what those lead to.
      connection.on("error", () => {});
      opened.push(connection);
      return connection;
    },
    async connected() {
      const connection = this.open();
      await awaitFirstConnection(connection);
      return connection;
    },
  };
}

/** A loopback port nothing listens on: a Redis there is down. */
export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
