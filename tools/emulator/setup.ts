/**
 * Errors of a Cloud project that is not set up for the Chat API, answered on every Chat API call (reads too), the
 * way Google answers them (sources in ASSUMPTIONS.md § Setup errors).
 */

import { ApiError, errorInfo } from './errors';
import type { Principal } from './state';

/** What the project has done of the Chat API's setup (config `apiEnabled`, `chatAppConfigured`). */
export interface ProjectSetup {
  apiEnabled: boolean;
  chatAppConfigured: boolean;
}

const CHAT_SERVICE = 'chat.googleapis.com';

export const CHAT_APP_NOT_FOUND =
  'Google Chat app not found. To create a Chat app, you must turn on the Chat API and configure the app in the Google Cloud console.';

/** Throws the setup error the caller's project gets, if any: a disabled API first (Google's front end), then the app. */
export function requireProjectSetup(setup: ProjectSetup, principal: Principal): void {
  if (!setup.apiEnabled) throw serviceDisabled(principal.project);
  if (!setup.chatAppConfigured) throw new ApiError('NOT_FOUND', CHAT_APP_NOT_FOUND);
}

function serviceDisabled(project: string): ApiError {
  const activationUrl = `https://console.developers.google.com/apis/api/${CHAT_SERVICE}/overview?project=${project}`;
  return new ApiError(
    'PERMISSION_DENIED',
    `Google Chat API has not been used in project ${project} before or it is disabled. Enable it by visiting ${activationUrl} then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.`,
    [
      errorInfo('SERVICE_DISABLED', {
        service: CHAT_SERVICE,
        serviceTitle: 'Google Chat API',
        consumer: `projects/${project}`,
        containerInfo: project,
        activationUrl,
      }),
    ],
  );
}
