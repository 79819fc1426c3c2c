# OpenSTA: the critical paths of one standard-cell netlist (synth/stdcell.sh).
# env: STA_LIBERTY, STA_NETLIST, STA_TOP, STA_PERIOD (ns). Ideal clock on port clk.
# Inputs arrive and outputs leave at the clock edge (delay 0, as from and into
# flip-flops with no wire), so "worst" covers every path of the unit and
# "reg2reg" only those from a flip-flop to a flip-flop.
read_liberty $::env(STA_LIBERTY)
read_verilog $::env(STA_NETLIST)
link_design $::env(STA_TOP)
create_clock -name clk -period $::env(STA_PERIOD) [get_ports clk]
set_input_delay 0 -clock clk [delete_from_list [all_inputs] [get_ports clk]]
set_output_delay 0 -clock clk [all_outputs]
puts "period $::env(STA_PERIOD)"
puts "== reg2reg"
report_checks -path_delay max -from [all_registers -clock_pins] -to [all_registers -data_pins] -format full -digits 3
puts "== worst"
report_checks -path_delay max -format full -digits 3
puts "== end"
exit
