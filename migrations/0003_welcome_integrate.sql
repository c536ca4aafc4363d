-- 0003: welcome and integrate — hosts and matching, jobs for the household, municipal
-- referrals, checklists and check-ins, ambassadors. Why it looks like this:
-- * Columns are added at the end of existing tables, as in 0002, so logged field names stay.
-- * A project is introduced here with what matching and checklists need (its area, whether
--   hosts must be trained, the matching weights); the funder-report work adds the rest.
-- * A match keeps the explanation it was proposed with, so "why this host?" can be answered
--   later even after the weights or the host's details change.
-- * A referral's steps (suggested, CV sent, interview…) are append-only facts with the date
--   the coordinator gives, because "hired in the period" is counted from those dates.
-- * Tasks say what made them (kind) and what they belong to, so the app can close a match's
--   check-ins when the match ends or a referral's follow-up when the referral is settled.
-- * Hosts attend host trainings as themselves, so attendance can name a host.

CREATE TABLE projects (
    id                    TEXT PRIMARY KEY,
    name                  TEXT NOT NULL,
    funder                TEXT,
    starts_on             TEXT NOT NULL,
    ends_on               TEXT,
    municipalities        TEXT NOT NULL DEFAULT '[]', -- the project's area: "nearby" in matching
    require_trained_hosts INTEGER NOT NULL DEFAULT 0,
    match_weights         TEXT NOT NULL DEFAULT '{}', -- JSON; missing criteria use the defaults
    notes                 TEXT,
    created_at            TEXT NOT NULL,
    deleted               INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE checklist_items (
    id         TEXT PRIMARY KEY,
    project_id TEXT REFERENCES projects (id), -- NULL: the default list
    phase      TEXT NOT NULL,
    title      TEXT NOT NULL,
    due_days   INTEGER NOT NULL DEFAULT 14, -- days after entering the phase
    position   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX checklist_items_phase ON checklist_items (phase, project_id) WHERE deleted = 0;

ALTER TABLE households ADD COLUMN interests TEXT NOT NULL DEFAULT '[]';
ALTER TABLE households ADD COLUMN moved_away_reason TEXT;
ALTER TABLE households ADD COLUMN referred_by_id TEXT REFERENCES households (id);
ALTER TABLE households ADD COLUMN ambassador_story TEXT;
CREATE INDEX households_referred_by ON households (referred_by_id) WHERE referred_by_id IS NOT NULL;

ALTER TABLE hosts ADD COLUMN roles TEXT NOT NULL DEFAULT '[]'; -- career / culture
ALTER TABLE hosts ADD COLUMN availability TEXT;
ALTER TABLE hosts ADD COLUMN consent_on TEXT; -- the day the host agreed to be registered
CREATE INDEX hosts_status ON hosts (status) WHERE deleted = 0;

ALTER TABLE host_matches ADD COLUMN project_id TEXT REFERENCES projects (id);
ALTER TABLE host_matches ADD COLUMN explanation TEXT NOT NULL DEFAULT '[]';
ALTER TABLE host_matches ADD COLUMN accepted_on TEXT;
ALTER TABLE host_matches ADD COLUMN outcome TEXT; -- completed / ended_early / never_started
ALTER TABLE host_matches ADD COLUMN host_satisfaction INTEGER; -- 1–5
ALTER TABLE host_matches ADD COLUMN household_satisfaction INTEGER; -- 1–5
CREATE INDEX host_matches_status ON host_matches (status) WHERE deleted = 0;

ALTER TABLE event_attendance ADD COLUMN host_id TEXT REFERENCES hosts (id);
CREATE INDEX event_attendance_host ON event_attendance (host_id) WHERE host_id IS NOT NULL;

ALTER TABLE interactions ADD COLUMN host_match_id TEXT REFERENCES host_matches (id);
CREATE INDEX interactions_match ON interactions (host_match_id) WHERE host_match_id IS NOT NULL;

ALTER TABLE tasks ADD COLUMN kind TEXT;
ALTER TABLE tasks ADD COLUMN host_match_id TEXT REFERENCES host_matches (id);
ALTER TABLE tasks ADD COLUMN org_link_id TEXT REFERENCES org_links (id);
ALTER TABLE tasks ADD COLUMN referral_id TEXT REFERENCES job_referrals (id);
ALTER TABLE tasks ADD COLUMN checklist_item_id TEXT REFERENCES checklist_items (id);
CREATE INDEX tasks_match ON tasks (host_match_id) WHERE host_match_id IS NOT NULL;
CREATE INDEX tasks_link ON tasks (org_link_id) WHERE org_link_id IS NOT NULL;
CREATE INDEX tasks_referral ON tasks (referral_id) WHERE referral_id IS NOT NULL;
CREATE INDEX tasks_kind ON tasks (household_id, kind) WHERE kind IS NOT NULL;

ALTER TABLE job_openings ADD COLUMN notes TEXT;
ALTER TABLE job_referrals ADD COLUMN note TEXT;
CREATE INDEX job_referrals_opening ON job_referrals (opening_id) WHERE opening_id IS NOT NULL;

CREATE TABLE job_referral_steps (
    id          TEXT PRIMARY KEY,
    referral_id TEXT NOT NULL REFERENCES job_referrals (id),
    status      TEXT NOT NULL,
    on_date     TEXT NOT NULL, -- the day it happened, as the coordinator says
    note        TEXT,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT REFERENCES users (id)
) STRICT;
CREATE INDEX job_referral_steps_referral ON job_referral_steps (referral_id, on_date);
CREATE INDEX job_referral_steps_status ON job_referral_steps (status, on_date);

ALTER TABLE org_links ADD COLUMN referred_on TEXT;
ALTER TABLE org_links ADD COLUMN status_on TEXT;
