// gunzip for the single-file pages' worker: the page carries its wasm gzip-compressed (then base64),
// which keeps the page about 40 % smaller, raw and gzip-served alike (docs/performance.md).
// Browsers decompress with DecompressionStream; where it is missing (Firefox < 113, Safari < 16.4,
// which do run the page otherwise) inflateGzip() does it: RFC 1952 framing around RFC 1951 inflate,
// decoding Huffman codes bit by bit (canonical codes, as zlib's puff.c), tens of milliseconds for the
// module. The single-file build prepends this file to the worker; the hosted build does not need it.
/* exported gunzip, inflateGzip */
"use strict";

async function gunzip(bytes) {
  if (typeof DecompressionStream === "function") {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }
  return inflateGzip(bytes);
}

function inflateGzip(src) {
  const bad = (what) => { throw new Error(`gzip: ${what}`); };
  if (src.length < 18 || src[0] !== 0x1f || src[1] !== 0x8b || src[2] !== 8) bad("not gzip data");
  const flags = src[3];
  let pos = 10;
  if (flags & 4) pos += 2 + (src[pos] | (src[pos + 1] << 8));   // FEXTRA
  if (flags & 8) while (pos < src.length && src[pos++]);         // FNAME
  if (flags & 16) while (pos < src.length && src[pos++]);        // FCOMMENT
  if (flags & 2) pos += 2;                                       // FHCRC
  const end = src.length - 8;
  const size = (src[end + 4] | (src[end + 5] << 8) | (src[end + 6] << 16) | (src[end + 7] << 24)) >>> 0;
  const out = new Uint8Array(size);
  let o = 0, bitBuf = 0, bitCount = 0;

  const bits = (n) => {
    while (bitCount < n) {
      if (pos >= end) bad("truncated");
      bitBuf |= src[pos++] << bitCount;
      bitCount += 8;
    }
    const v = bitBuf & ((1 << n) - 1);
    bitBuf >>>= n;
    bitCount -= n;
    return v;
  };
  // A canonical Huffman code from code lengths: how many codes of each length, symbols in code order.
  const huffman = (lengths) => {
    const count = new Uint16Array(16), offs = new Uint16Array(16), symbol = new Uint16Array(lengths.length);
    for (const l of lengths) count[l]++;
    count[0] = 0;
    for (let l = 1; l < 15; l++) offs[l + 1] = offs[l] + count[l];
    lengths.forEach((l, s) => { if (l) symbol[offs[l]++] = s; });
    return { count, symbol };
  };
  const decode = (h) => {
    let code = 0, first = 0, index = 0;
    for (let len = 1; len < 16; len++) {
      code |= bits(1);
      const c = h.count[len];
      if (code - c < first) return h.symbol[index + (code - first)];
      index += c;
      first = (first + c) << 1;
      code <<= 1;
    }
    return bad("invalid code");
  };
  const LBASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
  const LEXT = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
  const DBASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
    4097, 6145, 8193, 12289, 16385, 24577];
  const DEXT = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
  const ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
  let fixed = null;

  for (let last = 0; !last;) {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {                       // stored
      bitBuf = 0; bitCount = 0;
      if (pos + 4 > end) bad("truncated");
      const len = src[pos] | (src[pos + 1] << 8);
      if ((len ^ (src[pos + 2] | (src[pos + 3] << 8))) !== 0xffff) bad("stored length");
      pos += 4;
      if (pos + len > end || o + len > size) bad("stored block overruns");
      out.set(src.subarray(pos, pos + len), o);
      pos += len; o += len;
      continue;
    }
    let lit, dist;
    if (type === 1) {                       // fixed codes
      if (!fixed) {
        const l = new Array(288).fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
        fixed = { lit: huffman(l), dist: huffman(new Array(30).fill(5)) };
      }
      ({ lit, dist } = fixed);
    } else if (type === 2) {                // dynamic codes
      const nlen = bits(5) + 257, ndist = bits(5) + 1, ncode = bits(4) + 4;
      const cl = new Array(19).fill(0);
      for (let i = 0; i < ncode; i++) cl[ORDER[i]] = bits(3);
      const lencode = huffman(cl);
      const lengths = [];
      while (lengths.length < nlen + ndist) {
        const sym = decode(lencode);
        if (sym < 16) { lengths.push(sym); continue; }
        let repeat, value = 0;
        if (sym === 16) {
          if (!lengths.length) bad("repeat with no length");
          value = lengths[lengths.length - 1];
          repeat = 3 + bits(2);
        } else repeat = sym === 17 ? 3 + bits(3) : 11 + bits(7);
        if (lengths.length + repeat > nlen + ndist) bad("too many lengths");
        for (; repeat; repeat--) lengths.push(value);
      }
      lit = huffman(lengths.slice(0, nlen));
      dist = huffman(lengths.slice(nlen));
    } else bad("invalid block type");

    for (;;) {
      let sym = decode(lit);
      if (sym < 256) {
        if (o >= size) bad("output overruns");
        out[o++] = sym;
      } else if (sym === 256) {
        break;
      } else {
        sym -= 257;
        if (sym >= 29) bad("invalid length");
        const len = LBASE[sym] + bits(LEXT[sym]);
        const d = decode(dist);
        if (d >= 30) bad("invalid distance");
        const back = DBASE[d] + bits(DEXT[d]);
        if (back > o) bad("distance too far back");
        if (o + len > size) bad("output overruns");
        for (let i = 0; i < len; i++, o++) out[o] = out[o - back];
      }
    }
  }
  if (o !== size) bad("size mismatch");
  return out;
}
