import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import TextField from './TextField.svelte';

let target: HTMLElement;
let component: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (component) void unmount(component);
  component = undefined;
  target.remove();
});

function render(props: { label: string; hint?: string; error?: string | null }) {
  target = document.body.appendChild(document.createElement('div'));
  component = mount(TextField, { target, props });
  flushSync();
  const input = target.querySelector('input');
  if (!input) throw new Error('TextField rendered no input');
  return input;
}

const describedTexts = (input: HTMLInputElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent);

describe('TextField', () => {
  it('associates its label with the input', () => {
    const input = render({ label: 'E-post' });
    const label = target.querySelector('label');
    expect(label?.htmlFor, 'label must point at the input').toBe(input.id);
    expect(input.id).not.toBe('');
  });

  it('announces the hint and the error through aria-describedby', () => {
    const input = render({ label: 'E-post', hint: 'Jobbadress går bra', error: 'Ogiltig adress' });
    expect(describedTexts(input)).toEqual(['Jobbadress går bra', 'Ogiltig adress']);
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it('is not marked invalid without an error', () => {
    const input = render({ label: 'E-post' });
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(input.hasAttribute('aria-describedby')).toBe(false);
  });
});
