import type { APIGatewayProxyEvent } from "aws-lambda";

/**
 * A REST API (v1) proxy event as API Gateway sends it for `ANY /{proxy+}` on stage `prod`. Each
 * event comes from its own address unless one is given (anonymous callers are limited per address).
 */
let nextAddress = 1;
export function restProxyEvent(
  path: string,
  query: Record<string, string>,
  post?: { body: unknown; headers: Record<string, string> },
  from: { sourceIp?: string; headers?: Record<string, string> } = {},
): APIGatewayProxyEvent {
  const sourceIp = from.sourceIp ?? `203.0.113.${nextAddress++ % 250}`;
  const headers = {
    Accept: "application/json",
    Host: "abc123.execute-api.us-east-1.amazonaws.com",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-For": sourceIp,
    ...from.headers,
    ...(post ? { "Content-Type": "application/json", ...post.headers } : {}),
  };
  return {
    resource: "/{proxy+}",
    path,
    httpMethod: post ? "POST" : "GET",
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: query,
    multiValueQueryStringParameters: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])),
    pathParameters: { proxy: path.slice(1) },
    stageVariables: null,
    requestContext: {
      accountId: "123456789012",
      apiId: "abc123",
      authorizer: null,
      protocol: "HTTP/1.1",
      httpMethod: post ? "POST" : "GET",
      identity: {
        accessKey: null, accountId: null, apiKey: null, apiKeyId: null, caller: null, clientCert: null,
        cognitoAuthenticationProvider: null, cognitoAuthenticationType: null, cognitoIdentityId: null,
        cognitoIdentityPoolId: null, principalOrgId: null, sourceIp, user: null,
        userAgent: "curl/8.5.0", userArn: null,
      },
      path: `/prod${path}`,
      stage: "prod",
      requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
      requestTimeEpoch: Date.now(),
      resourceId: "abcdef",
      resourcePath: "/{proxy+}",
    },
    body: post ? JSON.stringify(post.body) : null,
    isBase64Encoded: false,
  };
}
