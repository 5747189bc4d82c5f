/**
 * Which network an IP address belongs to, for refusing server-side requests to places only the
 * server can reach (SSRF): loopback, private networks, link-local and cloud metadata, and so on.
 * Pure: text in, a class out; the caller resolves names (Deno.resolveDns) and checks every address.
 *
 * Sources: RFC 6890 (special-purpose registries), RFC 1918 (private IPv4), RFC 6598 (CGNAT),
 * RFC 3927 (IPv4 link-local), RFC 4193 (unique-local IPv6), RFC 4291 (IPv6 addressing, mapped
 * addresses), RFC 6052 (NAT64), RFC 3056 (6to4). An IPv6 address that carries an IPv4 one
 * (::ffff:a.b.c.d, 64:ff9b::a.b.c.d, 2002:AABB:CCDD::) is judged by the IPv4 address inside it,
 * since that is where a packet to it ends up.
 *
 * ```ts
 * addressClass("10.1.2.3");            // "private"
 * addressClass("::ffff:169.254.169.254"); // "metadata"
 * isPublicAddress("93.184.215.14");    // true
 * ```
 */

export type AddressClass =
  | "public"
  | "loopback"
  /** RFC 1918 */
  | "private"
  | "link_local"
  /** 169.254.169.254 and fd00:ec2::254: the cloud instance metadata service (credentials). */
  | "metadata"
  /** RFC 6598 shared address space 100.64.0.0/10 */
  | "cgnat"
  /** fc00::/7, and the deprecated site-local fec0::/10 */
  | "unique_local"
  /** 0.0.0.0/8, :: */
  | "unspecified"
  | "multicast"
  /** Documentation, benchmarking, IETF protocol assignments, reserved, broadcast, discard. */
  | "reserved"
  /** Not an IP address at all. */
  | "invalid";

/** The class of `address` (dotted-quad IPv4 or IPv6 text, brackets allowed); "invalid" when neither. */
export function addressClass(address: string): AddressClass {
  const text = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  const v4 = parseIPv4(text);
  if (v4 !== null) return ipv4Class(v4);
  const v6 = parseIPv6(text);
  return v6 === null ? "invalid" : ipv6Class(v6);
}

/** Whether a request to `address` would leave for the public internet. */
export function isPublicAddress(address: string): boolean {
  return addressClass(address) === "public";
}

/** Whether `text` is an IP address (IPv4 dotted quad or IPv6, brackets allowed). */
export function isIpAddress(text: string): boolean {
  return addressClass(text) !== "invalid";
}

/** IPv4 ranges as [network, prefix length, class]; the first that matches wins, so single addresses lead. */
const IPV4_RANGES: [string, number, AddressClass][] = [
  ["169.254.169.254", 32, "metadata"],
  ["255.255.255.255", 32, "reserved"],
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "cgnat"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link_local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "reserved"],
  ["192.88.99.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "reserved"],
  ["198.51.100.0", 24, "reserved"],
  ["203.0.113.0", 24, "reserved"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];

const IPV4_TABLE = IPV4_RANGES.map(([base, bits, kind]) => ({
  base: parseIPv4(base)!,
  mask: bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0,
  kind,
}));

function ipv4Class(value: number): AddressClass {
  for (const { base, mask, kind } of IPV4_TABLE) {
    if (((value & mask) >>> 0) === base) return kind;
  }
  return "public";
}

function ipv6Class(words: number[]): AddressClass {
  const [w0, w1, w2, w3, w4, w5, , w7] = words;
  const embedded = () => ((words[6] << 16) >>> 0) + words[7];
  const zeroUntil = (n: number) => words.slice(0, n).every((w) => w === 0);
  if (zeroUntil(8)) return "unspecified";
  if (zeroUntil(7) && w7 === 1) return "loopback";
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (the deprecated "compatible" form).
  if (zeroUntil(5) && w5 === 0xffff) return ipv4Class(embedded());
  if (zeroUntil(6)) return ipv4Class(embedded());
  // ::ffff:0:a.b.c.d (SIIT, RFC 6145) and 64:ff9b::a.b.c.d / 64:ff9b:1::/48 (NAT64, RFC 6052, 8215).
  if (zeroUntil(4) && w4 === 0xffff && w5 === 0) return ipv4Class(embedded());
  if (w0 === 0x64 && w1 === 0xff9b && w2 === 0 && w3 === 0 && w4 === 0 && w5 === 0) {
    return ipv4Class(embedded());
  }
  if (w0 === 0x64 && w1 === 0xff9b && w2 === 1) return "reserved";
  // 6to4 (2002::/16) carries the IPv4 address of its relay in the next 32 bits.
  if (w0 === 0x2002) return ipv4Class(((w1 << 16) >>> 0) + w2);
  // AWS's IPv6 instance metadata address; unique-local anyway, named for a clearer message.
  if (w0 === 0xfd00 && w1 === 0x0ec2 && words.slice(2, 7).every((w) => w === 0) && w7 === 0x254) {
    return "metadata";
  }
  if ((w0 & 0xfe00) === 0xfc00) return "unique_local";
  if ((w0 & 0xffc0) === 0xfec0) return "unique_local";
  if ((w0 & 0xffc0) === 0xfe80) return "link_local";
  if ((w0 & 0xff00) === 0xff00) return "multicast";
  // 100::/64 discard, 2001:db8::/32 and 3fff::/20 documentation, 2001::/23 IETF protocol
  // assignments (Teredo, benchmarking, ORCHID), 5f00::/16 SRv6 SIDs.
  if (w0 === 0x0100 && w1 === 0 && w2 === 0 && w3 === 0) return "reserved";
  if (w0 === 0x2001 && w1 === 0x0db8) return "reserved";
  if (w0 === 0x3fff && (w1 & 0xf000) === 0) return "reserved";
  if (w0 === 0x2001 && w1 < 0x0200) return "reserved";
  if (w0 === 0x5f00) return "reserved";
  // Only global unicast (2000::/3) is routed on the internet; anything else is unassigned.
  if ((w0 & 0xe000) !== 0x2000) return "reserved";
  return "public";
}

/** A strict dotted quad ("127.0.0.1"; no octal, hex or short forms) as an unsigned 32-bit number. */
function parseIPv4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** IPv6 text (RFC 4291 §2.2, with `::` and a trailing dotted quad; a zone id is dropped) as 8 words. */
function parseIPv6(input: string): number[] | null {
  const text = input.replace(/%[^%]+$/, "");
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.length > 45) return null;
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (half: string): number[] | null => {
    if (half === "") return [];
    const words: number[] = [];
    const pieces = half.split(":");
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (i === pieces.length - 1 && piece.includes(".")) {
        const v4 = parseIPv4(piece);
        if (v4 === null) return null;
        words.push(v4 >>> 16, v4 & 0xffff);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return null;
        words.push(parseInt(piece, 16));
      }
    }
    return words;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (head === null || tail === null) return null;
  // A dotted quad may only end the address.
  if (halves.length === 2 && halves[0].includes(".")) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  if (missing < 1) return null;
  return [...head, ...new Array(missing).fill(0), ...tail];
}
