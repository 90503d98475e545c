// Component specs run in jsdom, which lacks the layout APIs antd reads (media queries, resize observer).
if (typeof window !== 'undefined') {
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
