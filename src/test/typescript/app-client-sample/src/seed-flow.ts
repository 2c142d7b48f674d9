/**
 * The seed's complete flow through a client generated from booking-chat's OpenAPI document: types from
 * openapi-typescript, calls through openapi-fetch, compiled with `tsc --strict`. Every field is read without
 * `!` or `?.`: the document says which fields are always there and which can be null, and `??` handles those.
 */
import createClient, { type Client } from "openapi-fetch";

import type { components, paths } from "./booking-chat-api";

export type BookingChat = Client<paths>;
export type InboxEntry = components["schemas"]["InboxEntry"];
export type Message = components["schemas"]["MessageView"];
export type Problem = components["schemas"]["Problem"];

/** One app user's client: the API's URL and the user's JWT, which alone names the caller. */
export function bookingChat(baseUrl: string, jwt: string): BookingChat {
  return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${jwt}` } });
}

/** Every error answer is an RFC 9457 problem with a stable code to switch on. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.code}: ${problem.detail}`);
  }

  get retryable(): boolean {
    return this.problem.code === "TWILIO_UNAVAILABLE" || this.problem.code === "DATABASE_UNAVAILABLE";
  }
}

/** A line of the Messages tab: who, which booking, the last activity and the unread badge. */
export function inboxLine(entry: InboxEntry, me: string): string {
  const others = entry.participants.filter((p) => p.userId !== me).map((p) => p.userName ?? p.userId);
  const service = entry.booking === null ? entry.bookingId : String(entry.booking["service"] ?? entry.bookingId);
  const lastActivity = entry.lastMessageAt ?? entry.createdAt;
  const badge = entry.unreadCount > 0 ? ` (${entry.unreadCount} unread)` : "";
  return `${others.join(", ")} · ${service} · ${lastActivity}${badge}`;
}

export function messageLine(message: Message): string {
  return `#${message.index} ${message.author} (${message.userType ?? "system"}): ${message.body ?? "[media]"}`;
}

/** One page of the caller's inbox, most recent activity first; nextCursor is null on the last page. */
export async function inboxPage(client: BookingChat, cursor: string | null) {
  const page = await client.GET("/conversations", { params: { query: { limit: 50, cursor: cursor ?? undefined } } });
  if (page.error) throw new ProblemError(page.error);
  return page.data;
}

export async function wholeInbox(client: BookingChat): Promise<InboxEntry[]> {
  const entries: InboxEntry[] = [];
  let cursor: string | null = null;
  do {
    const page = await inboxPage(client, cursor);
    entries.push(...page.conversations);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return entries;
}

/** One page of a conversation's history, oldest first; nextPageToken is null on the last page. */
export async function historyPage(client: BookingChat, conversationSid: string, pageToken: string | null) {
  const page = await client.GET("/conversations/{conversationSid}/messages", {
    params: { path: { conversationSid }, query: { limit: 100, order: "asc", pageToken: pageToken ?? undefined } },
  });
  if (page.error) throw new ProblemError(page.error);
  return page.data;
}

export async function wholeHistory(client: BookingChat, conversationSid: string): Promise<Message[]> {
  const messages: Message[] = [];
  let pageToken: string | null = null;
  do {
    const page = await historyPage(client, conversationSid, pageToken);
    messages.push(...page.messages);
    pageToken = page.nextPageToken;
  } while (pageToken !== null);
  return messages;
}

/** The Twilio access token for the Conversations SDK, and when to fetch the next one. */
export async function sdkToken(client: BookingChat): Promise<{ token: string; refreshAt: Date }> {
  const issued = await client.POST("/tokens");
  if (issued.error) throw new ProblemError(issued.error);
  return { token: issued.data.token, refreshAt: new Date(Date.parse(issued.data.expiresAt) - 60_000) };
}

/** The seed's example: the customer asks, the provider sees it in the Messages tab, reads and answers. */
export async function seedFlow(customer: BookingChat, provider: BookingChat): Promise<string[]> {
  const created = await customer.POST("/bookings/{bookingId}/conversations", {
    params: { path: { bookingId: "booking-123" } },
    body: {
      participants: [
        { userId: "customer-456", userType: "customer", userName: "John Doe" },
        { userId: "provider-789", userType: "provider", userName: "Jane Smith" },
      ],
      booking: { service: "Plumbing", scheduledAt: "2026-12-01T14:00:00Z" },
    },
  });
  if (created.error) throw new ProblemError(created.error);
  const { conversationSid, bookingId } = created.data;

  const asked = await customer.POST("/conversations/{conversationSid}/messages", {
    params: { path: { conversationSid }, header: { "Idempotency-Key": crypto.randomUUID() } },
    body: { body: "When will you arrive?", bookingId },
  });
  if (asked.error) throw new ProblemError(asked.error);

  const lines = (await wholeInbox(provider)).map((entry) => inboxLine(entry, "provider-789"));
  lines.push(...(await wholeHistory(provider, conversationSid)).map(messageLine));

  const answered = await provider.POST("/conversations/{conversationSid}/messages", {
    params: { path: { conversationSid } },
    body: { body: "I'll be there at 2 PM", bookingId },
  });
  if (answered.error) throw new ProblemError(answered.error);

  const read = await provider.POST("/conversations/{conversationSid}/read", {
    params: { path: { conversationSid } },
  });
  if (read.error) throw new ProblemError(read.error);
  lines.push(`read at ${read.data.lastReadAt}, ${read.data.unreadCount} unread`);

  lines.push(...(await wholeHistory(customer, conversationSid)).map(messageLine));
  return lines;
}
