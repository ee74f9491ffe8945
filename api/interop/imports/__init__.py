"""What every import shares: reading a cell, planning without writing, applying all or nothing, finding places."""
