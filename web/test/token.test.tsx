import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../src/lib/dates';
import { alice, createFakeBff, EXPIRES_AT, ISSUED_AT } from './fake-bff';
import { renderApp } from './render-app';

function row(container: HTMLElement, label: string): HTMLElement {
  const term = within(container).getByText(label, { selector: 'dt' });
  const value = term.nextElementSibling;
  if (!(value instanceof HTMLElement)) throw new Error(`no value next to "${label}"`);
  return value;
}

describe('the token panel', () => {
  it('asks the BFF only when Validate Token is pressed, then shows what introspection said', async () => {
    const bff = createFakeBff({ user: alice });
    const { user } = renderApp('/profile', bff);
    const button = await screen.findByRole('button', { name: 'Validate Token' });
    expect(bff.requestsTo('GET', '/api/validate-token')).toHaveLength(0);

    await user.click(button);

    await screen.findByText('Active', { selector: 'dt' });
    const panel = screen.getByRole('status');
    expect(panel).toHaveAttribute('aria-live', 'polite');
    expect(row(panel, 'Active')).toHaveTextContent('Yes');
    expect(row(panel, 'Client')).toHaveTextContent('cl_test_app');
    expect(row(panel, 'Subject')).toHaveTextContent('user_alice');

    const issued = within(row(panel, 'Issued')).getByText(
      formatDateTime(new Date(ISSUED_AT * 1000)),
    );
    expect(issued).toHaveAttribute('datetime', '2025-01-01T00:00:00.000Z');
    const expires = within(row(panel, 'Expires')).getByText(
      formatDateTime(new Date(EXPIRES_AT * 1000)),
    );
    expect(expires).toHaveAttribute('datetime', '2025-01-01T01:00:00.000Z');
    expect(panel).not.toHaveTextContent(String(ISSUED_AT));
    expect(bff.requestsTo('GET', '/api/validate-token')).toHaveLength(1);
  });

  it('asks again on every press', async () => {
    const bff = createFakeBff({ user: alice });
    const { user } = renderApp('/profile', bff);
    const button = await screen.findByRole('button', { name: 'Validate Token' });

    await user.click(button);
    await screen.findByText('Active', { selector: 'dt' });
    await user.click(button);
    await screen.findByText('Active', { selector: 'dt' });

    expect(bff.requestsTo('GET', '/api/validate-token')).toHaveLength(2);
  });

  it('says plainly when the token is no longer active', async () => {
    const bff = createFakeBff({ user: alice, tokenInfo: { active: false } });
    const { user } = renderApp('/profile', bff);

    await user.click(await screen.findByRole('button', { name: 'Validate Token' }));

    const term = await screen.findByText('Active', { selector: 'dt' });
    expect(term.nextElementSibling).toHaveTextContent('No');
  });

  it('explains a failed validation and lets the user try again', async () => {
    const bff = createFakeBff({ user: alice });
    bff.fail('validateToken', 'idp_unavailable', 2);
    const { user } = renderApp('/profile', bff);

    await user.click(await screen.findByRole('button', { name: 'Validate Token' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Vercel could not be reached');
    await user.click(screen.getByRole('button', { name: 'Retry' }));

    expect(await screen.findByText('Active', { selector: 'dt' })).toBeVisible();
  });
});
