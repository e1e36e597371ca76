import { AwsError } from '../server/aws-error.js';

export interface DashboardRecord {
  DashboardName: string;
  DashboardArn: string;
  DashboardBody: string;
  LastModified: Date;
}

interface ValidationMessage {
  DataPath: string;
  Message: string;
}

/**
 * Checks a DashboardBody the way PutDashboard does (the dashboard body structure reference): a JSON object with
 * a `widgets` array; each widget has a `type` and a `properties` object; metric widgets name their `region`
 * and have `metrics` or an `expression`. Answers DashboardInvalidInputError with the messages.
 */
export function assertValidBody(body: string): void {
  const messages: ValidationMessage[] = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    messages.push({ DataPath: '', Message: 'Invalid JSON' });
  }
  if (parsed !== undefined) {
    const widgets = (parsed as { widgets?: unknown })?.widgets;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      messages.push({ DataPath: '', Message: 'Should be object' });
    } else if (!Array.isArray(widgets)) {
      messages.push({ DataPath: '', Message: "Should have required property 'widgets'" });
    } else {
      widgets.forEach((widget: unknown, i) => {
        checkWidget(widget as Record<string, unknown>, `/widgets/${i}`, messages);
      });
    }
  }
  if (messages.length > 0) {
    throw new AwsError(
      'DashboardInvalidInputError',
      'The field DashboardBody must be a valid JSON object',
      undefined,
      {
        dashboardValidationMessages: messages,
      },
    );
  }
}

function checkWidget(widget: Record<string, unknown>, path: string, out: ValidationMessage[]): void {
  if (typeof widget !== 'object' || widget === null) {
    out.push({ DataPath: path, Message: 'Should be object' });
    return;
  }
  if (typeof widget.type !== 'string')
    out.push({ DataPath: path, Message: "Should have required property 'type'" });
  const properties = widget.properties as Record<string, unknown> | undefined;
  if (typeof properties !== 'object' || properties === null) {
    out.push({ DataPath: path, Message: "Should have required property 'properties'" });
    return;
  }
  if (widget.type === 'metric') {
    if (typeof properties.region !== 'string') {
      out.push({ DataPath: `${path}/properties`, Message: "Should have required property 'region'" });
    }
    if (!Array.isArray(properties.metrics) && typeof properties.expression !== 'string') {
      out.push({ DataPath: `${path}/properties`, Message: "Should have required property 'metrics'" });
    }
  }
  if (widget.type === 'text' && typeof properties.markdown !== 'string') {
    out.push({ DataPath: `${path}/properties`, Message: "Should have required property 'markdown'" });
  }
}
