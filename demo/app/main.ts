// The demo page. Its very first action is one request, so a test can check
// that Refresh Lens sees requests made by the page's first script.
import axios from 'axios';
import './http'; // installs the request log on the default instance first
import { runScenario } from './runner';
import { findScenario, SCENARIOS, type Scenario } from './scenarios';
import { showTokenState } from './token-view';

const firstRequest = axios.get('/api/health').catch(() => undefined);

const status = document.querySelector<HTMLElement>('[data-testid="status"]')!;
const about = document.querySelector<HTMLElement>('[data-testid="scenario-about"]')!;
const buttons = document.querySelector<HTMLElement>('#scenarios')!;

function setStatus(state: string, text: string): void {
  status.dataset.state = state;
  status.textContent = text;
}

function select(scenario: Scenario): void {
  document.body.dataset.scenario = scenario.id;
  for (const button of buttons.querySelectorAll('button')) button.setAttribute('aria-pressed', String(button.value === scenario.id));
  about.innerHTML = '<p class="about"></p><p class="expect"><strong>Refresh Lens should show:</strong> <span></span></p>';
  about.querySelector('.about')!.textContent = scenario.about;
  about.querySelector('.expect span')!.textContent = scenario.expect;
}

async function run(scenario: Scenario): Promise<void> {
  select(scenario);
  history.replaceState(null, '', `?scenario=${scenario.id}`);
  buttons.querySelectorAll('button').forEach((b) => (b.disabled = true));
  setStatus('running', `Running "${scenario.title}"…`);
  const report = await runScenario(scenario);
  setStatus(report.state, report.text);
  buttons.querySelectorAll('button').forEach((b) => (b.disabled = false));
}

for (const scenario of SCENARIOS) {
  const button = document.createElement('button');
  button.value = scenario.id;
  button.dataset.testid = `run-${scenario.id}`;
  button.className = scenario.correct ? 'correct' : 'broken';
  button.textContent = scenario.title;
  button.addEventListener('click', () => void run(scenario));
  buttons.append(button);
}

showTokenState(document.querySelector<HTMLElement>('[data-testid="token-state"]')!);

// ?scenario=NAME selects a scenario, &run=1 also runs it now.
const params = new URLSearchParams(location.search);
const requested = params.get('scenario');
const initial = findScenario(requested);
if (requested && !initial) setStatus('error', `Unknown scenario "${requested}".`);
// The run waits for the first request, so the log shows it under "page load".
else if (initial && params.get('run') === '1') void firstRequest.then(() => run(initial));
else if (initial) select(initial);
