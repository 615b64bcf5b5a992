/**
 * CDK app entry (`npx cdk synth`, `npx cdk deploy -c stage=prod -c senderAddress=...`).
 * Context: `stage` (dev | prod, default dev), `senderAddress` (required for prod), `appUrl` (default: the API URL),
 * `domain` (SES identity domain; default: the sender address is the identity).
 */
import { App, Tags } from 'aws-cdk-lib';
import { addNagChecks } from './stacks/nag.js';
import { configFromContext, WaymarkStack, type WaymarkConfig } from './stacks/waymark-stack.js';

const app = new App({ analyticsReporting: false });
// cdk-nag AwsSolutions: synthesis fails on a finding the stack does not acknowledge (infra/stacks/nag.ts).
addNagChecks(app);

let config: WaymarkConfig;
try {
  config = configFromContext((key) => app.node.tryGetContext(key));
} catch (error) {
  console.error(`Waymark CDK: ${(error as Error).message}`);
  process.exit(1);
}

const stack = new WaymarkStack(app, `Waymark-${config.stage}`, {
  ...config,
  description: `Waymark coaching SaaS (${config.stage})`,
  // Environment-agnostic unless the CLI knows an account and region.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  terminationProtection: config.stage === 'prod',
});
Tags.of(stack).add('app', 'waymark');
Tags.of(stack).add('stage', config.stage);

app.synth();
