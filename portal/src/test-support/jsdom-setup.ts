import { TextDecoder, TextEncoder } from 'node:util';
import { MessageChannel } from 'node:worker_threads';

/**
 * Node's MessageChannel with ports that never keep the process alive, as a browser's never keep a page open.
 * Node refs a port again when it gets a message listener, and React's scheduler sets `port1.onmessage` when it
 * loads: with an ordinary port an in-band jest run (--runInBand) never exits after its last test.
 */
class UnreferencedMessageChannel extends MessageChannel {
  constructor() {
    super();
    for (const port of [this.port1, this.port2]) {
      port.ref = () => undefined;
      port.unref();
    }
  }
}

// Component specs run in jsdom, which lacks the layout APIs antd reads (media queries, resize observer).
if (typeof window !== 'undefined') {
  // react-router's module set-up encodes text; jsdom's window has no TextEncoder.
  globalThis.TextEncoder ??= TextEncoder;
  globalThis.TextDecoder ??= TextDecoder as typeof globalThis.TextDecoder;
  // React's scheduler and antd's form schedule work through a MessageChannel, which jsdom lacks too.
  globalThis.MessageChannel ??= UnreferencedMessageChannel as unknown as typeof globalThis.MessageChannel;
  window.matchMedia ??= (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
  // antd measures the scroll bar through a pseudo-element's style, which jsdom does not implement (it logs an error).
  const computedStyle = window.getComputedStyle.bind(window);
  window.getComputedStyle = (element: Element) => computedStyle(element);
  window.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}
