DELETE FROM sessions WHERE expiry < now()
