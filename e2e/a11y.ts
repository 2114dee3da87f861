import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from './fixtures';

/** axe on the page as it is now: no serious or critical finding; every finding is attached to the report. */
export async function expectNoSeriousA11yIssues(page: Page, testInfo: TestInfo, state: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  await testInfo.attach(`axe-${state}.json`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  });
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`),
    `axe findings in the ${state} state`,
  ).toEqual([]);
}
