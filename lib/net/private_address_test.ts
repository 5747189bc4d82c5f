// Which addresses a server-side request may go to: only those on the public internet.
import assert from "node:assert/strict";
import { type AddressClass, addressClass, isIpAddress, isPublicAddress } from "./private_address.ts";

function expect(cases: Record<string, AddressClass>) {
  for (const [address, kind] of Object.entries(cases)) {
    assert.equal(addressClass(address), kind, address);
  }
}

Deno.test("IPv4: loopback, private networks, link-local, CGNAT and metadata are not public", () => {
  expect({
    "127.0.0.1": "loopback",
    "127.255.255.254": "loopback",
    "10.0.0.0": "private",
    "10.255.255.255": "private",
    "172.16.0.1": "private",
    "172.31.255.255": "private",
    "192.168.0.1": "private",
    "192.168.255.255": "private",
    "169.254.0.1": "link_local",
    "169.254.169.254": "metadata",
    "169.254.169.253": "link_local",
    "100.64.0.0": "cgnat",
    "100.127.255.255": "cgnat",
    "0.0.0.0": "unspecified",
    "0.1.2.3": "unspecified",
  });
});

Deno.test("IPv4: the edges just outside each private range are public", () => {
  expect({
    "9.255.255.255": "public",
    "11.0.0.0": "public",
    "172.15.255.255": "public",
    "172.32.0.0": "public",
    "192.167.255.255": "public",
    "192.169.0.0": "public",
    "100.63.255.255": "public",
    "100.128.0.0": "public",
    "126.255.255.255": "public",
    "128.0.0.0": "public",
    "169.253.255.255": "public",
    "169.255.0.0": "public",
    "1.1.1.1": "public",
    "8.8.8.8": "public",
    "93.184.215.14": "public",
    "223.255.255.255": "public",
  });
});

Deno.test("IPv4: documentation, benchmarking, multicast, reserved and broadcast are not public", () => {
  expect({
    "192.0.0.8": "reserved",
    "192.0.2.1": "reserved",
    "198.51.100.7": "reserved",
    "203.0.113.200": "reserved",
    "198.18.0.1": "reserved",
    "198.19.255.255": "reserved",
    "198.20.0.0": "public",
    "192.88.99.1": "reserved",
    "224.0.0.1": "multicast",
    "239.255.255.250": "multicast",
    "240.0.0.1": "reserved",
    "255.255.255.255": "reserved",
  });
});

Deno.test("IPv6: loopback, unspecified, link-local, unique-local and multicast are not public", () => {
  expect({
    "::1": "loopback",
    "0:0:0:0:0:0:0:1": "loopback",
    "[::1]": "loopback",
    "::": "unspecified",
    "fe80::1": "link_local",
    "fe80::1%eth0": "link_local",
    "febf:ffff::1": "link_local",
    "fc00::1": "unique_local",
    "fd12:3456:789a::1": "unique_local",
    "fec0::1": "unique_local",
    "fd00:ec2::254": "metadata",
    "ff02::1": "multicast",
    "2001:db8::1": "reserved",
    "100::1": "reserved",
    "2001::1": "reserved",
    "3fff::1": "reserved",
    "4000::1": "reserved",
  });
});

Deno.test("IPv6: global unicast is public", () => {
  expect({
    "2606:4700:4700::1111": "public",
    "2a00:1450:4007:80e::200e": "public",
    "2001:4860:4860::8888": "public",
    "[2620:fe::fe]": "public",
    "2001:200::1": "public",
  });
});

Deno.test("IPv6 carrying IPv4 (mapped, compatible, NAT64, 6to4) is judged by the IPv4 inside", () => {
  expect({
    "::ffff:127.0.0.1": "loopback",
    "::ffff:7f00:1": "loopback",
    "::ffff:169.254.169.254": "metadata",
    "::ffff:a9fe:a9fe": "metadata",
    "::ffff:10.1.2.3": "private",
    "::ffff:192.168.1.1": "private",
    "::ffff:100.64.1.1": "cgnat",
    "::ffff:8.8.8.8": "public",
    "::127.0.0.1": "loopback",
    "::ffff:0:10.0.0.1": "private",
    "64:ff9b::10.0.0.1": "private",
    "64:ff9b::a9fe:a9fe": "metadata",
    "64:ff9b::8.8.8.8": "public",
    "2002:7f00:1::": "loopback",
    "2002:a9fe:a9fe::1": "metadata",
    "2002:0808:0808::1": "public",
  });
});

Deno.test("anything that is not strictly an IP address is invalid, never public", () => {
  for (
    const text of [
      "",
      "localhost",
      "example.com",
      "127.1",
      "0x7f.0.0.1",
      "017.0.0.1",
      "256.0.0.1",
      "1.2.3.4.5",
      "1.2.3",
      ":::1",
      "1::2::3",
      "12345::1",
      "1:2:3:4:5:6:7:8:9",
      "1:2:3:4:5:6:7",
      "::ffff:1.2.3",
      "1.2.3.4::",
      "g::1",
    ]
  ) {
    assert.equal(addressClass(text), "invalid", JSON.stringify(text));
    assert.equal(isPublicAddress(text), false);
    assert.equal(isIpAddress(text), false);
  }
  assert.equal(isIpAddress("::1"), true);
  assert.equal(isIpAddress("1.2.3.4"), true);
});

Deno.test("a full eight-word address and one with :: mean the same", () => {
  assert.equal(addressClass("fd00:0:0:0:0:0:0:1"), addressClass("fd00::1"));
  assert.equal(addressClass("1:2:3:4:5:6:7::"), "reserved");
  assert.equal(addressClass("2001:4860:0:0:0:0:0:8888"), "public");
});
