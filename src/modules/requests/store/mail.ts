/**
 * E-mail for reminders, through the configured SMTP transport (SMTP_URL, via nodemailer). Without
 * SMTP_URL the mail is not sent; a log line says one would have been — with the subject only, which
 * names the case reference and the due date, never the applicant or the recipient's address.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../../config/env.ts';
import type { JobLogger } from '../../../core/jobs/index.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** true when handed to the SMTP server, false when only logged */
  send(m: MailMessage): Promise<boolean>;
}

const transports = new Map<string, Transporter>();

export function createMailer(cfg: Pick<Config, 'smtpUrl' | 'mailFrom'>, log: Pick<JobLogger, 'info'>): Mailer {
  if (!cfg.smtpUrl) {
    return {
      async send(m) {
        log.info({ mail: { subject: m.subject } }, 'SMTP_URL is not set: an e-mail would have been sent');
        return false;
      },
    };
  }
  let t = transports.get(cfg.smtpUrl);
  if (!t) {
    t = nodemailer.createTransport(cfg.smtpUrl);
    transports.set(cfg.smtpUrl, t);
  }
  const transport = t;
  return {
    async send(m) {
      await transport.sendMail({ from: cfg.mailFrom, to: m.to, subject: m.subject, text: m.text });
      return true;
    },
  };
}
