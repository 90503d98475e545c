import { TextDecoder, TextEncoder } from 'node:util';
import { MessageChannel } from 'node:worker_threads';

// Component specs run in jsdom, which lacks the layout APIs antd reads (media queries, resize observer).
if (typeof window !== 'undefined') {
  // react-router's module set-up encodes text; jsdom's window has no TextEncoder.
  globalThis.TextEncoder ??= TextEncoder;
  globalThis.TextDecoder ??= TextDecoder as typeof globalThis.TextDecoder;
  // antd's form schedules its updates through a MessageChannel, which jsdom lacks too.
  globalThis.MessageChannel ??= class extends MessageChannel {
    constructor() {
      super();
      // Unreferenced, so a test run ends without waiting for antd's idle channels.
      this.port1.unref();
      this.port2.unref();
    }
  } as unknown as typeof globalThis.MessageChannel;
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
