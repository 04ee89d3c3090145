/*
 * acpi-guest.S: the smallest guest that obeys the ACPI power button
 *
 * A boot sector for QEMU's pc machine (i440FX + PIIX4, SeaBIOS), built
 * into a 512-byte disk image (tests/meson.build).  SeaBIOS puts the
 * PIIX4 power-management registers at I/O port 0x600.  The guest
 * enables the power-button event, then sleeps until a timer interrupt
 * and looks whether the button was pressed; when it was, it powers the
 * machine off (SLP_TYP 0 is soft-off on QEMU's PIIX4), as an OS would
 * on "virsh shutdown".  With the machine's -no-shutdown, QEMU then
 * stays with run state "shutdown" until the driver stops it.
 *
 * A press before the event is enabled is lost, as on real hardware, so
 * the guest writes "R" to the first serial port once it listens, and
 * "O" when it powers off; tests wait for them.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define PM1_STS 0x600           /* PM1a event block: status */
#define PM1_EN 0x602            /* PM1a event block: enable */
#define PM1_CNT 0x604           /* PM1a control block */
#define PWRBTN 0x0100           /* power button bit, in PM1_STS and PM1_EN */
#define SLP_EN 0x2000           /* sleep enable, with SLP_TYP (bits 10-12) 0 */
#define COM1 0x3f8              /* the first serial port's data register */

    .code16
    .text
    .globl _start
_start:
    cli
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %ss
    mov $0x7c00, %sp
    mov $PM1_EN, %dx
    mov $PWRBTN, %ax
    out %ax, (%dx)
    mov $COM1, %dx
    mov $'R', %al
    out %al, (%dx)
    sti
wait:
    hlt                         /* until the next timer tick */
    mov $PM1_STS, %dx
    in (%dx), %ax
    test $PWRBTN, %ax
    jz wait
    mov $COM1, %dx
    mov $'O', %al
    out %al, (%dx)
    mov $PM1_CNT, %dx
    mov $SLP_EN, %ax
    out %ax, (%dx)
off:
    hlt
    jmp off

    .org 510
    .byte 0x55, 0xaa            /* boot signature */
