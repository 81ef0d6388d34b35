"""The office (unit), its departments and signers; application settings."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.models.base import AuditMixin, Base, UidMixin


class Unit(AuditMixin, UidMixin, Base):
    """An administrative unit. Exactly one has is_self=True: this office."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), default="", index=True)
    # Issuing body lines for the document header, one per line ("ỦY BAN NHÂN DÂN\nPHƯỜNG AN HẢI").
    name_lines: Mapped[str] = mapped_column(Text, default="")
    short_name: Mapped[str] = mapped_column(String(200), default="")  # "Phường An Hải"
    parent_body: Mapped[str] = mapped_column(String(300), default="")  # cơ quan chủ quản, may be blank
    superior_name: Mapped[str] = mapped_column(String(300), default="")  # "Ủy ban nhân dân thành phố Hải Phòng"
    place_name: Mapped[str] = mapped_column(String(120), default="")  # "An Hải" for the date line
    kind: Mapped[str] = mapped_column(String(20), default="ward")  # ward | commune | special_zone | city_body
    is_self: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


class Department(AuditMixin, UidMixin, Base):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    abbreviation: Mapped[str] = mapped_column(String(30), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Signer(AuditMixin, Base):
    """A person who signs documents: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Thế Đức"."""

    __tablename__ = "signers"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(120))
    position_title: Mapped[str] = mapped_column(String(120))  # "PHÓ CHỦ TỊCH"
    authority: Mapped[str] = mapped_column(String(8), default="tm")  # tm | kt | q | tl | tuq | none
    head_title: Mapped[str] = mapped_column(String(120), default="")  # "CHỦ TỊCH" for KT./Q./TL.
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id", ondelete="SET NULL"))
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    department: Mapped["Department | None"] = relationship()


class Setting(Base):
    """Key/value settings kept in the database, so the command line needs no Qt."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
