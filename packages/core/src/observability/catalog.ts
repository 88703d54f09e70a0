/** Every operational metric lives under one CloudWatch namespace, with this service dimension. */
export const metricNamespace = "TravelPlatform";
export const serviceName = "travel-platform";

/**
 * The operational metrics, declared once: the code records them by these names and dimensions,
 * and infra/monitoring.ts charts and alarms on the same declarations (no runtime imports here:
 * sst.config.ts loads this file). Business figures — searches, funnel, revenue — are the Redis
 * analytics in core/analytics, not CloudWatch metrics.
 */
export const declaredMetrics = {
  APILatency: { unit: "Milliseconds", dimensions: ["Route"] },
  CacheHit: { unit: "Count", dimensions: ["Vertical"] },
  CacheMiss: { unit: "Count", dimensions: ["Vertical"] },
  CacheStale: { unit: "Count", dimensions: ["Vertical"] },
  SupplierCallDuration: { unit: "Milliseconds", dimensions: ["Supplier"] },
  SupplierCallErrors: { unit: "Count", dimensions: ["Supplier"] },
  ReservationStatusCount: { unit: "Count", dimensions: ["Status"] },
  DynamoDBOperationLatency: { unit: "Milliseconds", dimensions: ["Table", "Operation"] },
  RateLimited: { unit: "Count", dimensions: ["Caller"] },
} as const satisfies Record<string, { unit: "Count" | "Milliseconds"; dimensions: readonly string[] }>;
