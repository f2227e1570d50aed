-- The core: accounts, the documents they verified, sessions, SMS codes and the phone locks,
-- idempotency answers, and the world's settings. Times are milliseconds on the backend's clock.

-- Every id the core hands out (`u0000a`, `js0000b`, …) comes from this one counter.
create sequence core_ids;

-- One row per name: the key that signs cursors, the seed the world was made from.
create table core_settings (
  name text primary key,
  value text not null
);

create table core_accounts (
  id text primary key,
  -- Two first logins with one code at once make one account.
  login_code text not null unique,
  role text not null check (role in ('citizen', 'worker', 'staff')),
  community_id text,
  outlet_id text,
  verified boolean not null,
  -- name, docType, docNumber, phone, birthDate, gender: set once, by verification or the seed.
  identity jsonb,
  created_at bigint not null,
  check (verified = (identity is not null))
);

-- A document verifies one account: the rule behind DOCUMENT_IN_USE.
create table core_documents (
  doc_key text primary key,
  account_id text not null references core_accounts (id)
);

-- Only a hash of each token is kept: a copy of the database names no session.
create table core_sessions (
  token_hash bytea primary key,
  account_id text not null references core_accounts (id),
  expires_at bigint not null,
  revoked boolean not null default false
);
create index core_sessions_of_account on core_sessions (account_id);

create table core_sms (
  phone text primary key,
  account_id text not null references core_accounts (id),
  code text not null,
  sent_at bigint not null,
  expires_at bigint not null,
  used boolean not null
);

create table core_phone_guards (
  phone text primary key,
  wrong integer not null check (wrong >= 0),
  locked_until bigint not null
);

-- `account|path|key`: keys are scoped to the account and the path. A row without a status is a
-- request still running; its transaction holds the row, so a second request with the key waits.
create table core_idempotency (
  key text primary key,
  body text not null,
  status integer,
  response jsonb,
  at bigint not null
);
create index core_idempotency_age on core_idempotency (at);
