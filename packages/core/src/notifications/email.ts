import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { onFirstUse } from "../config/on-first-use";

/** A plain-text email. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per message, so a redelivered event overwrites rather than duplicates locally. */
  id: string;
}

export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}

/** Amazon SES v2 (the `sst.aws.Email` component gives the verified sender and configuration set). */
export class SesEmailSender implements EmailSender {
  private readonly sdk = onFirstUse(async () => {
    const { SendEmailCommand, SESv2Client } = await import("@aws-sdk/client-sesv2");
    return { SendEmailCommand, client: new SESv2Client({ maxAttempts: 3, requestHandler: { requestTimeout: 5_000, connectionTimeout: 1_000 } }) };
  });
  constructor(private readonly sender: string, private readonly configurationSet?: string) {}

  async send(message: EmailMessage): Promise<void> {
    const { SendEmailCommand, client } = await this.sdk();
    await client.send(
      new SendEmailCommand({
        FromEmailAddress: this.sender,
        Destination: { ToAddresses: [message.to] },
        Content: { Simple: { Subject: { Data: message.subject, Charset: "UTF-8" }, Body: { Text: { Data: message.text, Charset: "UTF-8" } } } },
        ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
      }),
    );
  }
}

/** Local mail drop: one RFC 5322 `.eml` file per message, openable in any mail client. */
export class FileEmailSender implements EmailSender {
  constructor(private readonly sender: string, readonly directory: string) {}

  async send(message: EmailMessage): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const encodedSubject = `=?UTF-8?B?${Buffer.from(message.subject).toString("base64")}?=`;
    const eml = [
      `From: ${this.sender}`,
      `To: ${message.to}`,
      `Subject: ${encodedSubject}`,
      `Date: ${new Date().toUTCString()}`,
      `Message-ID: <${message.id || randomUUID()}@travel-platform.local>`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      "",
      message.text,
      "",
    ].join("\r\n");
    await writeFile(join(this.directory, `${message.id.replace(/[^A-Za-z0-9_.-]/g, "_")}.eml`), eml);
  }
}

/** The link picks the adapter: a `directory` means the local mail drop, otherwise SES. */
export function emailSenderFor(link: { sender: string; configSet?: string; directory?: string }): EmailSender {
  return link.directory ? new FileEmailSender(link.sender, link.directory) : new SesEmailSender(link.sender, link.configSet);
}
