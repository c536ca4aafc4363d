import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdleTimer, debounce, type TimerApi } from './idle';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createIdleTimer', () => {
  it('fires once after the timeout without input', () => {
    const onIdle = vi.fn();
    const idle = createIdleTimer(90_000, onIdle);
    idle.poke();
    vi.advanceTimersByTime(89_999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10 * 90_000);
    expect(onIdle, 'it does not rearm itself').toHaveBeenCalledTimes(1);
  });

  it('starts over with every input', () => {
    const onIdle = vi.fn();
    const idle = createIdleTimer(30_000, onIdle);
    idle.poke();
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(20_000);
      idle.poke();
    }
    expect(onIdle, 'someone is still typing').not.toHaveBeenCalled();
    vi.advanceTimersByTime(30_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('does nothing after stop', () => {
    const onIdle = vi.fn();
    const idle = createIdleTimer(30_000, onIdle);
    idle.poke();
    idle.stop();
    vi.advanceTimersByTime(60_000);
    expect(onIdle).not.toHaveBeenCalled();
  });

  it('uses the timers it is given', () => {
    const pending: (() => void)[] = [];
    const timers: TimerApi = {
      setTimeout: (fn) => pending.push(fn),
      clearTimeout: () => {},
    };
    const onIdle = vi.fn();
    createIdleTimer(1000, onIdle, timers).poke();
    expect(pending).toHaveLength(1);
    pending[0]!();
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});

describe('debounce', () => {
  it('calls once with the latest arguments after a quiet period', () => {
    const fn = vi.fn();
    const d = debounce(fn, 250);
    d('a');
    vi.advanceTimersByTime(200);
    d('ab');
    vi.advanceTimersByTime(200);
    d('abc');
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(250);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenCalledWith('abc');
  });

  it('can be cancelled', () => {
    const fn = vi.fn();
    const d = debounce(fn, 250);
    d('x');
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).not.toHaveBeenCalled();
  });
});
