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

// antd's Select opens through a MessageChannel tick, which jsdom lacks: a timer-backed channel stands in.
if (typeof window !== 'undefined' && typeof MessageChannel === 'undefined') {
  class TimerPort {
    onmessage: ((event: MessageEvent) => void) | null = null;
    peer: TimerPort | null = null;
    postMessage(data: unknown): void {
      setTimeout(() => this.peer?.onmessage?.(new MessageEvent('message', { data })), 0);
    }
    close(): void {}
  }
  class TimerChannel {
    readonly port1 = new TimerPort();
    readonly port2 = new TimerPort();
    constructor() {
      this.port1.peer = this.port2;
      this.port2.peer = this.port1;
    }
  }
  (globalThis as { MessageChannel?: unknown }).MessageChannel = TimerChannel;
}

// antd's Table measures the scrollbar through a pseudo-element, which jsdom does not implement (it logs an error).
if (typeof window !== 'undefined') {
  const computedStyle = window.getComputedStyle.bind(window);
  window.getComputedStyle = (element: Element) => computedStyle(element);
}
