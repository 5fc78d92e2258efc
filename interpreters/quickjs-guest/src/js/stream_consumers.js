// `stream/consumers`: a whole stream as a Buffer, an ArrayBuffer, text or JSON.
(function (host) {
  'use strict';

  const { Buffer } = host.internal('buffer');
  const { StringDecoder } = host.internal('string_decoder');


  async function collect(stream) {
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    return chunks;
  }
  const consumers = {
    async buffer(stream) {
      const chunks = await collect(stream);
      return Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));
    },
    async arrayBuffer(stream) {
      const buffer = await consumers.buffer(stream);
      return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
    },
    async text(stream) {
      const decoder = new StringDecoder('utf8');
      let text = '';
      for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      return text + decoder.end();
    },
    async json(stream) {
      return JSON.parse(await consumers.text(stream));
    },
  };

  return consumers;
})(globalThis.__codebox);
