import { inject } from "vitest";

/** Point the AWS SDK at the run's DynamoDB Local before any test module creates a client. */
const stores = inject("stores");
process.env.AWS_ENDPOINT_URL_DYNAMODB = stores.dynamoEndpoint;
process.env.AWS_REGION = "us-east-1";
process.env.AWS_ACCESS_KEY_ID = "local";
process.env.AWS_SECRET_ACCESS_KEY = "local";
