/**
 * cdk-nag AwsSolutions on the dev and prod stacks, registered the way `cdk synth` registers it (infra/app.ts calls the
 * same `addNagChecks`): no unacknowledged error and no unacknowledged warning. Deliberate findings are acknowledged
 * in the stack, per construct and per rule id, with the reasons in infra/stacks/nag.ts.
 */
import { Validations, type PolicyValidationPluginReport } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes, type RouteDef } from '../../shared/contracts/routes.js';
import { accessLogFormat } from '../../infra/stacks/api.js';
import { addNagChecks } from '../../infra/stacks/nag.js';
import { devConfig, prodConfig, testApp } from '../support/cdk.js';
import { WaymarkStack, type WaymarkConfig } from '../../infra/stacks/waymark-stack.js';

type Json = Record<string, any>;
interface Nagged {
  stack: WaymarkStack;
  report: PolicyValidationPluginReport;
  template: Template;
}

const HOOK_TIMEOUT = 180_000;

/**
 * Synthesizes one stack with the AwsSolutions pack registered on its app. `app.synth()` throws the validation report
 * on an unacknowledged error, as `cdk synth` fails; running the pack again on the stack also lists warnings.
 */
function synthWithNag(id: string, config: WaymarkConfig): Nagged {
  const app = testApp(config);
  const pack = addNagChecks(app);
  const stack = new WaymarkStack(app, id, config);
  app.synth();
  return { stack, report: pack.validateScope(stack), template: Template.fromStack(stack) };
}

/** `AwsSolutions-XYZ1 Waymark-dev/Path/Resource: description`, one line per violating resource. */
function findings(report: PolicyValidationPluginReport, severity: 'error' | 'warning'): string[] {
  return report.violations
    .filter((v) => v.severity === severity && v.ruleName.startsWith('AwsSolutions-'))
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}: ${v.description}`));
}

/** Every acknowledgment in a construct tree, as `[construct path, rule id, reason]`. */
function acknowledgments(root: IConstruct): [string, string, string][] {
  return root.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]): [string, string, string] => [c.node.path, id.replace(/^annotation::/i, ''), reason])),
    );
}

let dev: Nagged;
let prod: Nagged;
beforeAll(() => {
  dev = synthWithNag('Waymark-dev', devConfig);
  prod = synthWithNag('Waymark-prod', prodConfig);
}, HOOK_TIMEOUT);

describe('cdk-nag AwsSolutions', () => {
  it('the pack ran over every resource of both stacks', () => {
    for (const s of [dev, prod]) {
      expect(s.report.success).toBe(true);
      expect(acknowledgments(s.stack).length).toBeGreaterThan(0);
    }
  });

  it('no unacknowledged errors', () => {
    expect(findings(dev.report, 'error')).toEqual([]);
    expect(findings(prod.report, 'error')).toEqual([]);
  });

  it('no unacknowledged warnings', () => {
    expect(findings(dev.report, 'warning')).toEqual([]);
    expect(findings(prod.report, 'warning')).toEqual([]);
  });

  it('every acknowledgment names one rule (or one finding of it) on a resource, never a pack or the stack, with a reason', () => {
    for (const s of [dev, prod]) {
      for (const [path, id, reason] of acknowledgments(s.stack)) {
        expect(id, path).toMatch(/^AwsSolutions-[A-Z]+[0-9]+(\[[^\]]+\])?$/);
        expect(path, id).not.toBe(s.stack.node.path);
        expect(reason.length, `${path} ${id}`).toBeGreaterThan(40);
      }
    }
  });

  it('only the public and link routes go without an authorizer, each with its reason', () => {
    const apig4 = acknowledgments(dev.stack).filter(([, id]) => id === 'AwsSolutions-APIG4');
    // CDK names an API route `<METHOD><path with every / as -->`: GET /v1/me is GET--v1--me.
    const withoutAuthorizer = routes.filter((r) => r.auth !== 'staff').map((r) => `${r.method}${r.path.replaceAll('/', '--')}`);
    expect(withoutAuthorizer).toContain('GET--health');
    expect(apig4.map(([path]) => path.replace('Waymark-dev/Api/HttpApi/', '')).sort()).toEqual(withoutAuthorizer.sort());
  });

  it('the only wildcard-resource acknowledgment is ses:GetAccount\'s `*` on the health function\'s role (indexes are named)', () => {
    for (const s of [dev, prod]) {
      const iam5 = acknowledgments(s.stack).filter(([, id]) => id.startsWith('AwsSolutions-IAM5'));
      expect(iam5.map(([path, id]) => `${path} ${id}`)).toEqual([`${s.stack.node.path}/Api/HealthPublicRole AwsSolutions-IAM5[Resource::*]`]);
    }
  });

  it('a new public route without a written reason fails synthesis', () => {
    const probe: RouteDef = {
      id: 'probePublic',
      method: 'GET',
      path: '/v1/probe',
      handler: 'functions/http/health/get.ts',
      area: 'health',
      auth: 'public',
      needs: [],
      summary: 'public route probe',
    };
    const app = testApp(devConfig);
    addNagChecks(app);
    new WaymarkStack(app, 'Waymark-nag-probe', { ...devConfig, routes: [probe], schedules: [] });
    expect(() => app.synth()).toThrow(/AwsSolutions-APIG4/);
  }, HOOK_TIMEOUT);
});

describe('HTTP API access log', () => {
  it('the default stage writes one JSON line per request to a log group kept like the function logs', () => {
    for (const [s, days] of [[dev, 30], [prod, 180]] as const) {
      const stages = Object.values(s.template.toJSON().Resources as Record<string, Json>).filter((r) => r.Type === 'AWS::ApiGatewayV2::Stage');
      expect(stages).toHaveLength(1);
      const settings = stages[0]!.Properties.AccessLogSettings as Json;
      const format = JSON.parse(settings.Format as string) as Record<string, string>;
      expect(format).toEqual(accessLogFormat);
      expect(format).toMatchObject({
        requestId: '$context.requestId',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latency: '$context.responseLatency',
        ip: '$context.identity.sourceIp',
      });
      const groupId = settings.DestinationArn['Fn::GetAtt'][0] as string;
      const group = s.template.toJSON().Resources[groupId] as Json;
      expect(group.Type).toBe('AWS::Logs::LogGroup');
      expect(group.Properties.RetentionInDays).toBe(days);
      expect(group.DeletionPolicy).toBe(s === prod ? 'Retain' : 'Delete');
    }
  });
});
