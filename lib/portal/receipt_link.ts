/**
 * The link a visitor who booked without signing in comes back to: the booking id plus an HMAC of
 * it under the app secret, so the page shows that one booking to whoever holds the link and nothing
 * to anyone guessing ids.
 */
import { hmac } from "@oslojs/crypto/hmac";
import { SHA256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase64urlNoPadding } from "@oslojs/encoding";

const encoder = new TextEncoder();

export function receiptSignature(appSecret: string, tenantId: string, bookingId: string): string {
  const mac = hmac(
    SHA256,
    encoder.encode(`portal-receipt:${appSecret}`),
    encoder.encode(`${tenantId}:${bookingId}`),
  );
  return encodeBase64urlNoPadding(mac.slice(0, 16));
}

export function isReceiptSignature(
  appSecret: string,
  tenantId: string,
  bookingId: string,
  sig: string,
): boolean {
  const expected = encoder.encode(receiptSignature(appSecret, tenantId, bookingId));
  const given = encoder.encode(sig);
  return expected.length === given.length && constantTimeEqual(expected, given);
}
