/**
 * A Content-Disposition header for a download named after `name` (RFC 6266): an ASCII fallback for
 * old clients and the exact name in UTF-8 (RFC 8187) for the others.
 *
 * ```ts
 * attachmentName("Élodie Martin", "vcf") // attachment; filename="Elodie-Martin.vcf"; filename*=UTF-8''%C3%89lodie%20Martin.vcf
 * ```
 */
export function attachmentName(name: string, extension: string): string {
  const ascii = name.normalize("NFD").replace(/\p{M}/gu, "").replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[-.]+|-+$/g, "") || "download";
  // encodeURIComponent leaves !'()* alone; RFC 8187's attr-char does not allow ' ( ) *.
  const utf8 = encodeURIComponent(`${name}.${extension}`).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${utf8}`;
}
