import { expect } from 'chai';
import nodemailer from 'nodemailer';
import { decodeHeaderValue, readMessage } from '../../../server/mail/outbox/mime.js';

describe('readMessage', () => {
  it('when nodemailer built the message, reads back From, To, Subject, the text and the HTML part exactly', async () => {
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    const sent = { from: 'PeerClimate <no-reply@localhost>', to: 'ana@example.org', subject: `¿Cómo está el clima? ${'ñ'.repeat(80)}`, text: `Línea 1\n${'é'.repeat(200)}\n`, html: `<p title="a=b">Hola — ${'x'.repeat(200)}</p>` };
    const { message } = await transport.sendMail(sent);
    const read = readMessage(Buffer.isBuffer(message) ? message.toString('latin1') : '');
    expect(read).to.deep.include({ ...sent });
    expect(read.date).to.match(/\d{4} \d{2}:\d{2}:\d{2}/);
  });

  it('when a part is base64 or the message is not multipart, decodes it; a missing part is empty', () => {
    const base64 = `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\nSubject: plain\r\n\r\n${Buffer.from('Grüße').toString('base64')}\r\n`;
    expect(readMessage(base64)).to.deep.include({ subject: 'plain', text: 'Grüße', html: '', to: '' });
  });
});

describe('decodeHeaderValue', () => {
  it('when encoded words follow each other, joins them without the white space between', () => {
    expect(decodeHeaderValue('=?UTF-8?Q?Encuesta=3A_=C2=BFc=C3=B3mo?= =?UTF-8?B?IGVzdMOh?=')).to.equal('Encuesta: ¿cómo está');
  });
});
