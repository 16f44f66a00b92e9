import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { envelopeFrom: string; envelopeTo: string[]; raw: string };

/**
 * A real SMTP server on port 0 that keeps what it accepts. `refuse(address, code, text)` makes it
 * answer the next RCPT TO for that address with the code, once per call (`times` for more).
 */
export type TestSmtpServer = {
  url: string;
  received: ReceivedMail[];
  refuse(address: string, code: number, text: string, times?: number): void;
  stop(): Promise<void>;
};

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const refusals = new Map<string, Array<{ code: number; text: string }>>();
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false, banner: 'PeerClimate test SMTP',
    onRcptTo(address, _session, callback) {
      const refusal = refusals.get(address.address)?.shift();
      if (!refusal) {
        callback();
        return;
      }
      callback(Object.assign(new Error(refusal.text), { responseCode: refusal.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelopeFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        received.push({ envelopeFrom, envelopeTo: session.envelope.rcptTo.map((to) => to.address), raw: Buffer.concat(chunks).toString('latin1') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse(address, code, text, times = 1) {
      const planned = refusals.get(address) ?? [];
      for (let index = 0; index < times; index += 1) planned.push({ code, text });
      refusals.set(address, planned);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits until `count` messages have arrived (the server's delivery loop runs every few seconds). */
export async function waitForMail(smtp: TestSmtpServer, count: number, to?: readonly string[], timeoutMs = 20_000): Promise<ReceivedMail[]> {
  const started = Date.now();
  // With `to`, only mail to those addresses counts: an earlier test's mail may still arrive late.
  const wanted = (): ReceivedMail[] => (to ? smtp.received.filter((mail) => mail.envelopeTo.some((address) => to.includes(address))) : smtp.received);
  while (wanted().length < count) {
    if (Date.now() - started > timeoutMs) throw new Error(`${String(wanted().length)} of ${String(count)} messages arrived`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return wanted();
}
