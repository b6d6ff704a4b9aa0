"""The columns several reports share, so a servant's NIP, name or rank is headed and sized the
same in every report that shows it."""

from __future__ import annotations

from service.exports.report import Column

ORDER = Column("order", "No.", "No.", width=6)
NIP = Column("nip", "NIP", "NIP", width=20)
NAME = Column("name", "Nama", "Name", width=28)
BIRTH_DATE = Column("birth_date", "Tanggal lahir", "Birth date", personal=True, width=12)
UNIT = Column("unit", "Unit kerja", "Unit", width=22)
YEAR = Column("year", "Tahun", "Year", width=7)

GOLONGAN = Column("golongan", "Gol/ruang", "Grade", width=9)
PANGKAT = Column("pangkat", "Pangkat", "Rank", width=22)
RANK_TMT = Column("rank_tmt", "TMT golongan", "Rank TMT", width=12)
POSITION = Column("position", "Jabatan", "Position", width=28)
POSITION_LEVEL = Column("position_level", "Tingkat jabatan", "Position level", width=14)

# Whom a row is about, by NIP and name, and the unit they serve in.
SERVANT_IN_UNIT = (NIP, NAME, UNIT)
# Where the servant stands: grade, rank and its TMT, then the position and its level.
STANDING = (GOLONGAN, PANGKAT, RANK_TMT, POSITION, POSITION_LEVEL)
