/** @jest-environment jsdom */
import { MessagePort as NodeMessagePort } from 'node:worker_threads';

describe('the jsdom set-up of component specs', () => {
  it('gives a MessageChannel whose listening ports do not hold the test process open', () => {
    // What React's scheduler does when it loads: an ordinary Node port would keep an in-band jest run alive.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => undefined;
    const ports = [channel.port1, channel.port2] as unknown as NodeMessagePort[];
    expect(ports.map((port) => port.hasRef())).toEqual([false, false]);
    channel.port1.close();
  });

  it('still delivers messages through that channel', async () => {
    const channel = new MessageChannel();
    const received = new Promise<unknown>((resolve) => {
      channel.port1.onmessage = (event) => resolve(event.data);
    });
    channel.port2.postMessage('tick');
    await expect(received).resolves.toBe('tick');
    channel.port1.close();
  });
});
