-- 返沪人员登记: declarations (for oneself, or by a community worker for a resident) and daily
-- check-ins. Times are milliseconds on the backend's clock; dates are Shanghai days, `YYYY-MM-DD`.

-- Ids are scrambled from these numbers (mock/returnees/state.ts `returneeId`).
create sequence returnees_numbers;

create table returnees_declarations (
  seq bigint generated always as identity unique,
  id text primary key,
  -- The person it is about, in full: name, docType, docNumber, phone (only the owner sees them unmasked).
  subject jsonb not null,
  doc_type text not null,
  doc_number text not null,
  origin_region text not null,
  -- { mode, number? }
  transport jsonb not null,
  departure_date text not null,
  arrival_date text not null check (arrival_date >= departure_date),
  community_id text not null,
  address text not null,
  -- { temperature, symptoms, contactWithCases }
  health jsonb not null,
  status text not null check (status in ('observing', 'flagged', 'released')),
  risk_level text not null check (risk_level in ('low', 'medium', 'high')),
  flag_reasons jsonb not null default '[]',
  created_at bigint not null,
  created_by text not null check (created_by in ('self', 'worker')),
  created_by_account text references core_accounts (id),
  released_at bigint,
  released_by text,
  -- [{ at, text, by }], a worker's escalation notes
  notes jsonb not null default '[]',
  check ((status = 'released') = (released_at is not null))
);

-- One open declaration a document: the rule behind ALREADY_DECLARED.
create unique index returnees_open_per_document on returnees_declarations (doc_type, doc_number) where status <> 'released';
create index returnees_of_document on returnees_declarations (doc_type, doc_number, seq);
-- A community's console: its declarations by status, in the order of arrival.
create index returnees_of_community on returnees_declarations (community_id, status, arrival_date, id);

create table returnees_checkins (
  seq bigint generated always as identity unique,
  id text primary key,
  declaration_id text not null references returnees_declarations (id),
  date text not null,
  temperature double precision not null check (temperature between 35 and 42),
  symptoms jsonb not null default '[]',
  at bigint not null,
  by text not null check (by in ('self', 'worker')),
  by_account text references core_accounts (id),
  raised_flag boolean not null,
  -- One check-in a declaration and day: the rule behind ALREADY_CHECKED_IN.
  unique (declaration_id, date)
);
-- A day's check-ins of a community's declarations (the due count, the daily report).
create index returnees_checkins_of_day on returnees_checkins (date, declaration_id);
