//! Coordinators using this device. The current user owns new tasks and signs every change.

use landa_domain::household::{MAX_NAME, required_text};
use serde_json::Value;

use crate::app::{Landa, require_row};
use crate::dto::{SessionInfo, Stats, UserDto};
use crate::error::Result;

impl Landa {
    pub fn users(&self) -> Result<Vec<UserDto>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name FROM users WHERE deleted = 0 ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok(UserDto {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds a coordinator. The first one added on a device becomes its current user.
    pub fn create_user(&mut self, name: &str) -> Result<UserDto> {
        let name = required_text(name, "name", MAX_NAME)?;
        let id = self.new_id();
        self.write(|w, ctx| {
            w.insert(
                "users",
                &id,
                &[
                    ("name", Value::from(name.clone())),
                    ("created_at", Value::from(ctx.now_text())),
                ],
            )
        })?;
        if self.user_id.is_none() {
            self.set_current_user(&id)?;
            // The first coordinator gets the default checklist, in the UI's language.
            self.seed_checklist()?;
        }
        Ok(UserDto { id, name })
    }

    /// Which coordinator is using this device: a local setting, not synced.
    pub fn set_current_user(&mut self, id: &str) -> Result<()> {
        require_row(&self.conn, "users", id, "user_id")?;
        crate::app::set_local(&self.conn, "current_user", id)?;
        self.user_id = Some(id.to_owned());
        Ok(())
    }

    /// A coordinator signs in on a shared device (after the passphrase opened the database):
    /// they become the current user, who signs every change from now on, and the sign-in is
    /// logged with the reads (`read_log`), so the audit shows who worked when.
    pub fn sign_in(&mut self, id: &str) -> Result<UserDto> {
        self.set_current_user(id)?;
        self.log_read(crate::access::ReadKind::SignIn, None)?;
        tracing::info!("coordinator signed in");
        self.current_user()?
            .ok_or_else(|| crate::error::Error::not_found("users"))
    }

    pub fn current_user(&self) -> Result<Option<UserDto>> {
        let Some(id) = &self.user_id else {
            return Ok(None);
        };
        Ok(self.users()?.into_iter().find(|u| &u.id == id))
    }

    pub fn session(&self) -> Result<SessionInfo> {
        let stats = self.stats()?;
        Ok(SessionInfo {
            user: self.current_user()?,
            users: self.users()?,
            database_path: self
                .database_path()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| ":memory:".into()),
            is_empty: stats.households == 0 && stats.organisations == 0,
            today: self.today().to_string(),
        })
    }

    pub fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<u32> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, u32>(0))?)
        };
        Ok(Stats {
            households: count("SELECT count(*) FROM households WHERE deleted = 0")?,
            persons: count("SELECT count(*) FROM persons WHERE deleted = 0")?,
            organisations: count("SELECT count(*) FROM organisations WHERE deleted = 0")?,
            interactions: count("SELECT count(*) FROM interactions")?,
            tasks: count("SELECT count(*) FROM tasks WHERE deleted = 0")?,
            events: count("SELECT count(*) FROM events WHERE deleted = 0")?,
            changes: count("SELECT count(*) FROM change_log")?,
            schema_version: landa_store::user_version(&self.conn)?,
        })
    }
}
